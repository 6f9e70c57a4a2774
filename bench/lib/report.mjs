// Derived figures, target verdicts, the console summary and BENCHMARKS.md.
import { existsSync, readFileSync } from 'node:fs';

export const TARGET_ORDER = ['direct', 'ours', 'reference'];
export const LABELS = { direct: 'direct (mock)', ours: 'ours', reference: 'reference (Portkey 1.15.2)' };
export const MODES = ['json', 'stream'];
export const MODE_TITLES = { json: 'JSON chat completions', stream: 'Streamed chat completions (SSE)' };

const MB = 1_000_000;
export const BUSY_SHARE = 0.1;
const MiB = 1024 * 1024;

const ok = (x) => typeof x === 'number' && Number.isFinite(x);
export const fmtMs = (x, digits = 3) => (ok(x) ? x.toFixed(digits) : '–');
export const fmtRps = (x) => (ok(x) ? Math.round(x).toLocaleString('en-US') : '–');
const fmtSigned = (x, digits = 3) => (ok(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(digits)}` : '–');
const fmtPct = (x) => (ok(x) ? `${(x * 100).toFixed(0)}%` : '–');
const fmtRatio = (x) => (ok(x) ? `${x.toFixed(2)}×` : '–');
const fmtMem = (bytes) => (ok(bytes) ? `${(bytes / MiB).toFixed(1)} MiB (${(bytes / MB).toFixed(1)} MB)` : '–');

function loadOf(results, target, mode, conns) {
  return results.targets[target]?.load?.[mode]?.[conns];
}

/** Figures derived from the raw runs, and the issue's targets with MET / MISSED / NOT MEASURED. */
export function derive(results) {
  const d = {};
  // Unloaded added latency, two ways (see the Method section):
  //  - autocannon: p50 (and mean) of the c=1 run through the gateway − the same for the direct run;
  //  - interleaved: sequential JSON requests alternating gateway / direct (immune to baseline drift).
  // The verdict takes the larger of the two p50 differences: MET only if both are within budget.
  d.addedLatency = {};
  d.addedLatencyStream = {};
  for (const t of ['ours', 'reference']) {
    const p = results.targets[t]?.paired;
    const g = loadOf(results, t, 'json', 1);
    const direct1 = loadOf(results, 'direct', 'json', 1);
    d.addedLatency[t] = {
      interleaved: p && p.count > 0 && p.baseline.count > 0 ? { p50: p.p50 - p.baseline.p50, pairedMedian: p.pairedDiff.p50, mean: p.mean - p.baseline.mean } : null,
      autocannon: g && direct1 ? { p50: g.p50 - direct1.p50, mean: g.mean - direct1.mean } : null,
    };
    const gs = loadOf(results, t, 'stream', 1);
    const ds = loadOf(results, 'direct', 'stream', 1);
    d.addedLatencyStream[t] = gs && ds ? { p50: gs.p50 - ds.p50, mean: gs.mean - ds.mean } : null;
  }
  d.ratio = {};
  for (const mode of MODES) {
    const o = loadOf(results, 'ours', mode, 32);
    const r = loadOf(results, 'reference', mode, 32);
    d.ratio[mode] = o && r && r.rps > 0 ? o.rps / r.rps : null;
  }
  // First-byte overhead: gateway p50 − p50 of the direct requests interleaved with it.
  d.ttfbOverhead = {};
  for (const t of ['ours', 'reference']) {
    const g = results.targets[t]?.ttfb;
    d.ttfbOverhead[t] =
      g && g.count > 0 && g.baseline?.count > 0
        ? { p50: g.p50 - g.baseline.p50, p99: g.p99 - g.baseline.p99, mean: g.mean - g.baseline.mean, pairedMedian: g.pairedDiff.p50 }
        : null;
  }
  d.peakRss = {};
  for (const t of ['ours', 'reference']) d.peakRss[t] = results.targets[t]?.memory?.hwm ?? null;

  const verdict = (value, pass) => (ok(value) ? (pass(value) ? 'MET' : 'MISSED') : 'NOT MEASURED');
  const verdictAdded = (a) => (a?.interleaved && a?.autocannon ? Math.max(a.interleaved.p50, a.autocannon.p50) : (a?.interleaved?.p50 ?? a?.autocannon?.p50));
  const addedText = (a) =>
    `autocannon c=1 runs ${fmtSigned(a?.autocannon?.p50)} ms (mean ${fmtSigned(a?.autocannon?.mean)} ms), interleaved ${fmtSigned(a?.interleaved?.p50)} ms`;
  const added = verdictAdded(d.addedLatency.ours);
  d.targets = [
    {
      name: 'Unloaded added latency, ours (JSON, c=1: p50 through the gateway − p50 direct; both methods must be within) ≤ 0.3 ms',
      figure: ok(added) ? `${addedText(d.addedLatency.ours)}; reference: ${addedText(d.addedLatency.reference)} (issue quotes 0.75 ms)` : '–',
      result: verdict(added, (v) => v <= 0.3),
    },
    {
      name: 'Requests/s at c=32, JSON: ours ≥ 5× reference',
      figure: ok(d.ratio.json)
        ? `${fmtRatio(d.ratio.json)} (${fmtRps(loadOf(results, 'ours', 'json', 32).rps)} vs ${fmtRps(loadOf(results, 'reference', 'json', 32).rps)} req/s)`
        : '–',
      result: verdict(d.ratio.json, (v) => v >= 5),
    },
    {
      name: 'Requests/s at c=32, streams: ours ≥ 4× reference',
      figure: ok(d.ratio.stream)
        ? `${fmtRatio(d.ratio.stream)} (${fmtRps(loadOf(results, 'ours', 'stream', 32).rps)} vs ${fmtRps(loadOf(results, 'reference', 'stream', 32).rps)} req/s)`
        : '–',
      result: verdict(d.ratio.stream, (v) => v >= 4),
    },
    {
      name: 'Streaming first-byte overhead, ours (p50 vs direct, interleaved) < 1 ms',
      figure: ok(d.ttfbOverhead.ours?.p50)
        ? `${fmtSigned(d.ttfbOverhead.ours.p50)} ms (p99 ${fmtSigned(d.ttfbOverhead.ours.p99, 2)} ms); reference ${fmtSigned(d.ttfbOverhead.reference?.p50, 2)} ms`
        : '–',
      result: verdict(d.ttfbOverhead.ours?.p50, (v) => v < 1),
    },
    {
      name: 'Peak RSS of our gateway process < 150 MB (judged in MB = 10⁶ bytes, the stricter reading)',
      figure: ok(d.peakRss.ours) ? `${fmtMem(d.peakRss.ours)}; reference ${fmtMem(d.peakRss.reference)}` : '–',
      result: verdict(d.peakRss.ours, (v) => v < 150 * MB),
    },
  ];
  return d;
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function loadRows(results, mode) {
  const rows = [];
  for (const t of TARGET_ORDER) {
    const target = results.targets[t];
    for (const c of results.meta.connections) {
      const r = target?.load?.[mode]?.[c];
      if (r) {
        rows.push([LABELS[t], c, fmtRps(r.rps), fmtMs(r.p50), fmtMs(r.p99, 2), fmtMs(r.mean), r.non2xx, r.errors, r.mismatches, fmtPct(r.foreignCpu)]);
      } else {
        rows.push([LABELS[t], c, '–', '–', '–', '–', '–', '–', '–', target?.skipReason?.[mode] ?? target?.reason ?? 'not run']);
      }
    }
  }
  return rows;
}

const LOAD_HEADER = ['target', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'non-2xx', 'errors', 'mismatch', 'other CPU'];

function ttfbRows(results) {
  return TARGET_ORDER.map((t) => {
    const x = results.targets[t]?.ttfb;
    if (!x || x.count === 0) return [LABELS[t], '–', '–', '–', '–', '–', '–', '–', x?.firstFailure ?? results.targets[t]?.reason ?? 'not run'];
    const over = results.derived.ttfbOverhead[t];
    return [
      LABELS[t],
      x.count,
      fmtMs(x.p50),
      fmtMs(x.p99, 2),
      fmtMs(x.mean),
      x.baseline ? fmtMs(x.baseline.p50) : '(itself)',
      over ? fmtSigned(over.p50) : '–',
      fmtPct(x.foreignCpu),
      x.failures,
    ];
  });
}

const TTFB_HEADER = ['target', 'n', 'p50 ms', 'p99 ms', 'mean ms', 'direct p50 (interleaved)', 'overhead p50 ms', 'other CPU', 'failures'];

function addedRows(results) {
  return ['ours', 'reference'].map((t) => {
    const p = results.targets[t]?.paired;
    const a = results.derived.addedLatency[t];
    if (!p || p.count === 0) return [LABELS[t], '–', '–', '–', '–', '–', fmtSigned(a.autocannon?.p50), fmtSigned(a.autocannon?.mean), '–', p?.firstFailure ?? results.targets[t]?.reason ?? 'not run'];
    return [
      LABELS[t],
      p.count,
      fmtMs(p.p50),
      fmtMs(p.baseline.p50),
      fmtSigned(a.interleaved.p50),
      fmtSigned(a.interleaved.pairedMedian),
      fmtSigned(a.autocannon?.p50),
      fmtSigned(a.autocannon?.mean),
      fmtPct(p.foreignCpu),
      p.failures,
    ];
  });
}

const ADDED_HEADER = ['gateway', 'pairs', 'p50 ms', 'direct p50 ms', 'added (p50 − p50)', 'median of pair diffs', 'autocannon p50 diff', 'autocannon mean diff', 'other CPU', 'failures'];

function memRows(results) {
  return TARGET_ORDER.filter((t) => t !== 'direct').map((t) => {
    const m = results.targets[t]?.memory;
    const c = m?.children;
    return [LABELS[t], fmtMem(m?.startRss), fmtMem(m?.hwm), c ? (c.count ? `${fmtMem(c.pss)}: ${c.names.join(', ')}` : 'none') : '–', m?.pid ?? '–'];
  });
}

/** The summary printed at the end of the run. */
export function consoleSummary(results) {
  const d = results.derived;
  const out = [];
  for (const mode of MODES) {
    out.push(`\n${MODE_TITLES[mode]} (${results.meta.durationS} s per run)`);
    out.push(table(LOAD_HEADER, loadRows(results, mode)));
  }
  out.push(`\nUnloaded added latency (JSON, c=1, ${results.meta.pairedCount} requests interleaved with direct ones; ms)`);
  out.push(table(ADDED_HEADER, addedRows(results)));
  out.push(`\nStreaming time to first body byte (c=1, ${results.meta.ttfbCount} sequential requests)`);
  out.push(table(TTFB_HEADER, ttfbRows(results)));
  out.push('\nMemory (gateway process, /proc/<pid>/status)');
  out.push(table(['target', 'RSS after start', 'peak RSS (VmHWM)', 'child processes (PSS at end)', 'pid'], memRows(results)));
  out.push('\nTargets');
  out.push(table(['target', 'result', 'figure'], d.targets.map((t) => [t.name, t.result, t.figure])));
  if (results.problems.length) out.push(`\nProblems:\n${results.problems.map((p) => `- ${p}`).join('\n')}`);
  return out.join('\n');
}

function mdTable(header, rows, align) {
  const esc = (c) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map((_, i) => (align?.[i] === 'l' ? ':--' : '--:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const DEFAULT_NOTES = '_Filled in by hand (context, causes of misses, follow-ups). `npm run bench` keeps this section, and anything below it, when it rewrites the file._\n';

/**
 * The existing "## Notes" section, or the placeholder. It is the file's last generated section, so
 * everything after its heading is kept (hand-written sections added below it survive too).
 */
export function existingNotes(file) {
  if (!existsSync(file)) return DEFAULT_NOTES;
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^##\s+Notes\s*$/.test(l));
  if (start === -1) return DEFAULT_NOTES;
  const body = lines.slice(start + 1).join('\n').replace(/^\n+/, '').replace(/\s+$/, '');
  return body ? `${body}\n` : DEFAULT_NOTES;
}

export function markdown(results, notes) {
  const m = results.meta;
  const d = results.derived;
  const o = [];
  o.push('# Benchmarks');
  o.push('');
  o.push(`_Generated by \`npm run bench\` (\`bench/run.mjs\`) on ${m.date}. Everything above "Notes" is rewritten on each run._`);
  o.push('');
  o.push('## Machine');
  o.push('');
  o.push(`- CPU: ${m.cores} cores (${m.cpuModel}); memory ${m.memGiB} GiB; ${m.os}`);
  o.push(`- Node ${m.node}; autocannon ${m.autocannonVersion}`);
  o.push(`- Our gateway: \`apps/gateway\` at commit ${m.commit}${m.dirty ? ' with uncommitted changes' : ''}`);
  o.push(`- Reference: @portkey-ai/gateway ${m.referenceVersion} (@hono/node-server ${m.honoVersion})`);
  o.push(`- Mock provider: \`apps/mock-provider\` (\`node apps/mock-provider/dist/cli.js\`), on the same machine`);
  o.push('');
  o.push('## Method');
  o.push('');
  o.push('- One run starts the mock provider, then each target in turn (never two measured at once: the machine has 2 cores): direct to the mock, through our gateway, through the reference gateway. Each gateway is a separate `node` process started on a free loopback port and stopped after its measurements; the load generator (autocannon, in the benchmark process) shares the machine with the gateway and the mock, as in STACK.md.');
  o.push('- Requests: `POST /v1/chat/completions` with `x-portkey-provider: openai`, `x-portkey-custom-host: http://127.0.0.1:<mock>/v1`, `authorization: Bearer sk-bench`, body `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}`; streams add `"stream": true`. Direct: the same request to the mock.');
  o.push('- Before measuring, one request of each kind through each target must answer 200 with `choices` (JSON) or SSE chunks ending in `data: [DONE]` (streams); a target that fails is reported and not measured. Under load every body is checked too (column "mismatch").');
  o.push(`- Load: autocannon ${m.autocannonVersion} (programmatic API), keep-alive, no pipelining, at ${m.connections.join(' and ')} connections: ${m.warmupS} s warm-up (discarded), then ${m.durationS} s measured. req/s is autocannon's mean of its per-second samples.`);
  o.push("- Latency: autocannon's own histogram keeps whole milliseconds only (a 0.09 ms response counts as 0 ms), so p50 / p99 / mean here are computed from each 2xx response's time as autocannon measures it (`process.hrtime`, from writing the request to the end of the response), taken from its `response` event. For streams this is the time to the end of the stream.");
  o.push(
    `- **Unloaded added latency** = p50 through the gateway − p50 direct, JSON, one request at a time, measured two ways: (1) from the autocannon runs at 1 connection (gateway run − direct run; the mean difference is shown too); (2) *interleaved*: ${m.pairedCount} sequential \`node:http\` requests per gateway (after ${m.pairedWarmup} unrecorded), each paired with one direct request (alternating which goes first), over one keep-alive connection to each. (1) compares runs minutes apart, and on this shared 2-core machine the direct p50 drifts by ~0.1 ms between runs; (2) cancels that drift, but leaves the gateway a short idle gap between its requests, so work it does after answering (logging, GC) delays (1) and mostly not (2). **The verdict takes the larger of the two p50 differences** (MET only if both are within the target). node:http costs more per request than autocannon, so the two methods' absolute times differ; their differences are comparable.`,
  );
  o.push(`- **Streaming first byte**: ${m.ttfbCount} sequential streamed requests per target (after ${m.ttfbWarmup} unrecorded) over one keep-alive \`node:http\` connection, time from issuing the request to the first body byte; for each gateway they alternate with direct requests as above. Overhead = gateway p50 − p50 of the interleaved direct requests.`);
  o.push(
    `- **Other CPU**: the share of the machine's CPU used by processes other than the benchmark, the mock and the gateway under test during each measurement (per-process ticks from \`/proc/<pid>/stat\` against \`/proc/stat\`; a lower bound, since a process that starts and ends within a measurement is missed). The machine may be shared: before each measurement the benchmark waits up to ${m.idleWaitS} s for other processes to use at most ${Math.round(BUSY_SHARE * 100)}% of the CPU, and measures again (${m.busyRetries} time${m.busyRetries === 1 ? '' : 's'} at most, keeping the least disturbed attempt) when they used more; a measurement still above ${Math.round(BUSY_SHARE * 100)}% is listed under "Problems in this run". Other processes before the run: ${fmtPct(m.foreignCpuBefore)}.`,
  );
  o.push('- **Peak RSS**: `VmHWM` from `/proc/<pid>/status` of the gateway\'s own node process (spawned as `node …` directly, no npm wrapper), read after all its measurements; "RSS after start" is `VmRSS` once it first answers. The target is judged on that process alone; processes it started (e.g. an embedded Postgres) are listed separately with their summed PSS at the end of its measurements.');
  o.push('');
  for (const mode of MODES) {
    o.push(`## ${MODE_TITLES[mode]}`);
    o.push('');
    o.push(mdTable(['Target', 'Connections', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'non-2xx', 'errors', 'body mismatches', 'Other CPU'], loadRows(results, mode), ['l']));
    o.push('');
  }
  o.push('## Unloaded added latency (JSON, one request at a time)');
  o.push('');
  o.push(mdTable(ADDED_HEADER, addedRows(results), ['l']));
  o.push('');
  o.push('## Streaming time to first byte');
  o.push('');
  o.push(mdTable(TTFB_HEADER, ttfbRows(results), ['l']));
  o.push('');
  o.push('## Memory');
  o.push('');
  o.push(mdTable(['Gateway', 'RSS after start', 'Peak RSS (VmHWM)', 'Child processes (PSS at end)', 'pid'], memRows(results), ['l']));
  o.push('');
  o.push('## Derived figures');
  o.push('');
  for (const t of ['ours', 'reference']) {
    const a = d.addedLatency[t];
    const s = d.addedLatencyStream[t];
    o.push(
      `- Added latency, ${LABELS[t]}, JSON at c=1: ${a.interleaved ? `${fmtSigned(a.interleaved.p50)} ms interleaved (p50 − p50; median of paired differences ${fmtSigned(a.interleaved.pairedMedian)} ms, mean ${fmtSigned(a.interleaved.mean)} ms)` : '–'}; from the autocannon runs ${a.autocannon ? `${fmtSigned(a.autocannon.p50)} ms (p50), ${fmtSigned(a.autocannon.mean)} ms (mean)` : '–'}. Whole stream at c=1 (autocannon): ${s ? `${fmtSigned(s.p50)} ms (p50), ${fmtSigned(s.mean)} ms (mean)` : '–'}`,
    );
  }
  o.push(`- Requests/s ours ÷ reference at 32 connections: JSON ${fmtRatio(d.ratio.json)}, streams ${fmtRatio(d.ratio.stream)}`);
  for (const t of ['ours', 'reference']) {
    const x = d.ttfbOverhead[t];
    o.push(`- Streaming first-byte overhead, ${LABELS[t]}: ${x ? `${fmtSigned(x.p50)} ms (p50), ${fmtSigned(x.p99, 2)} ms (p99), ${fmtSigned(x.mean)} ms (mean)` : '–'}`);
  }
  o.push(`- Peak RSS: ours ${fmtMem(d.peakRss.ours)}, reference ${fmtMem(d.peakRss.reference)}`);
  o.push('');
  o.push('## Targets (from the issue)');
  o.push('');
  o.push(mdTable(['Target', 'Measured', 'Result'], d.targets.map((t) => [t.name, t.figure, `**${t.result}**`]), ['l', 'l', 'l']));
  o.push('');
  if (results.problems.length) {
    o.push('## Problems in this run');
    o.push('');
    for (const p of results.problems) {
      const one = p.replace(/\s*\n\s*/g, ' ');
      o.push(`- ${one.length > 600 ? `${one.slice(0, 600)}…` : one}`);
    }
    o.push('');
  }
  o.push('## Notes');
  o.push('');
  o.push(notes.trimEnd());
  o.push('');
  return o.join('\n');
}
