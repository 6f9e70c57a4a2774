// Figures across rounds (medians and spreads), the targets' verdicts, the console summary and
// BENCHMARKS.md. Everything here is a pure function of the results object built by bench/run.mjs:
//
//   results.rounds[i] = { index, order: ['direct', 'ours', …], targets: { direct, ours, reference } }
//   target entry      = { load: { json: { 1: run, 32: run }, stream: … }, paired, ttfb, memory, reason, skipReason }
import { existsSync, readFileSync } from 'node:fs';
import { spread } from './stats.mjs';

export const TARGET_ORDER = ['direct', 'ours', 'reference'];
export const LABELS = { direct: 'direct (mock)', ours: 'ours', reference: 'reference (Portkey 1.15.2)' };
export const MODES = ['json', 'stream'];
export const MODE_TITLES = { json: 'JSON chat completions', stream: 'Streamed chat completions (SSE)' };
export const GATEWAYS = ['ours', 'reference'];

export const MB = 1_000_000;
const MiB = 1024 * 1024;
export const BUSY_SHARE = 0.1;

/**
 * The issue's targets (issue 14). MB = 10⁶ bytes, the stricter reading of "150 MB".
 * "Memory returns close to its after-start level": RSS 15 s after the load stops is at most
 * `returnMB` above RSS after start (judged on the median of the per-round differences).
 */
export const LIMITS = {
  peakRssMB: 150,
  startRssMB: 110,
  returnMB: 25,
  addedMs: 0.3,
  ttfbMs: 0.5,
  ratio: { json: 6, stream: 5 },
  ratioConnections: 32,
};

const ok = (x) => typeof x === 'number' && Number.isFinite(x);
export const fmtMs = (x, digits = 3) => (ok(x) ? x.toFixed(digits) : '–');
export const fmtRps = (x) => (ok(x) ? Math.round(x).toLocaleString('en-US') : '–');
export const fmtSigned = (x, digits = 3) => (ok(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(digits)}` : '–');
const fmtPct = (x) => (ok(x) ? `${(x * 100).toFixed(0)}%` : '–');
const fmtRatio = (x) => (ok(x) ? `${x.toFixed(2)}×` : '–');
export const fmtMB = (bytes) => (ok(bytes) ? (bytes / MB).toFixed(1) : '–');
const fmtSignedMB = (bytes) => (ok(bytes) ? `${bytes >= 0 ? '+' : ''}${(bytes / MB).toFixed(1)}` : '–');
const fmtMem = (bytes) => (ok(bytes) ? `${(bytes / MiB).toFixed(1)} MiB (${(bytes / MB).toFixed(1)} MB)` : '–');

/** "median (min–max)", or the one value when there is one round, or "–" when none. */
export function fmtSpread(s, fmt) {
  if (!s || s.n === 0) return '–';
  if (s.n === 1 || fmt(s.min) === fmt(s.max)) return fmt(s.median);
  return `${fmt(s.median)} (${fmt(s.min)} – ${fmt(s.max)})`;
}

/** The connection count the throughput ratios are judged at: 32 if measured, else the highest. */
export function ratioConnections(connections) {
  return connections.includes(LIMITS.ratioConnections) ? LIMITS.ratioConnections : Math.max(...connections);
}

/**
 * The figures of one round (one fresh process of each gateway), per target. Added latency (JSON,
 * unloaded) is measured two ways and the round's value is the larger of the two: the interleaved
 * sequential requests (gateway p50 − p50 of the direct requests between them) and, when 1
 * connection is measured, the autocannon c=1 run against this round's direct c=1 run.
 */
export function roundFigures(round, connections) {
  const t = round.targets;
  const load = (target, mode, c) => (connections.includes(c) ? t[target]?.load?.[mode]?.[c] : undefined);
  const top = ratioConnections(connections);
  const f = { added: {}, addedStream: {}, ttfbOverhead: {}, memory: {}, ratio: {} };
  for (const g of GATEWAYS) {
    const p = t[g]?.paired;
    const interleaved = p && p.count > 0 && p.baseline?.count > 0 ? p.p50 - p.baseline.p50 : NaN;
    const g1 = load(g, 'json', 1);
    const d1 = load('direct', 'json', 1);
    const autocannon = g1 && d1 ? g1.p50 - d1.p50 : NaN;
    const autocannonMean = g1 && d1 ? g1.mean - d1.mean : NaN;
    const value = ok(interleaved) && ok(autocannon) ? Math.max(interleaved, autocannon) : ok(interleaved) ? interleaved : autocannon;
    f.added[g] = { interleaved, pairedMedian: p?.pairedDiff?.p50 ?? NaN, autocannon, autocannonMean, value };
    const gs = load(g, 'stream', 1);
    const ds = load('direct', 'stream', 1);
    f.addedStream[g] = gs && ds ? gs.p50 - ds.p50 : NaN;
    const x = t[g]?.ttfb;
    f.ttfbOverhead[g] = x && x.count > 0 && x.baseline?.count > 0 ? { p50: x.p50 - x.baseline.p50, p99: x.p99 - x.baseline.p99, pairedMedian: x.pairedDiff.p50 } : null;
    const m = t[g]?.memory;
    f.memory[g] = {
      startRss: m?.startRss ?? NaN,
      peakRss: m?.hwm ?? NaN,
      afterLoadRss: m?.afterLoadRss ?? NaN,
      returnDelta: ok(m?.afterLoadRss) && ok(m?.startRss) ? m.afterLoadRss - m.startRss : NaN,
      childrenPss: m?.children?.pss ?? NaN,
    };
  }
  for (const mode of MODES) {
    const o = load('ours', mode, top);
    const r = load('reference', mode, top);
    f.ratio[mode] = o && r && r.rps > 0 ? o.rps / r.rps : NaN;
  }
  return f;
}

/** MET / MISSED / NOT MEASURED for a value against a predicate. */
export function judge(value, pass) {
  return ok(value) ? (pass(value) ? 'MET' : 'MISSED') : 'NOT MEASURED';
}

/** Medians and spreads across rounds of every figure, and the targets' verdicts (on medians). */
export function derive(results) {
  const connections = results.meta.connections;
  const rounds = results.rounds ?? [];
  const per = rounds.map((r) => roundFigures(r, connections));
  const across = (fn) => spread(per.map((f, i) => fn(f, rounds[i])));
  const d = { rounds: per, top: ratioConnections(connections), load: {}, ttfb: {}, added: {}, addedStream: {}, ttfbOverhead: {}, memory: {}, ratio: {} };
  for (const t of TARGET_ORDER) {
    d.load[t] = {};
    for (const mode of MODES) {
      d.load[t][mode] = {};
      for (const c of connections) {
        const runs = rounds.map((r) => r.targets[t]?.load?.[mode]?.[c]).filter(Boolean);
        const field = (k) => spread(runs.map((x) => x[k]));
        d.load[t][mode][c] = {
          n: runs.length,
          rps: field('rps'),
          p50: field('p50'),
          p99: field('p99'),
          mean: field('mean'),
          non2xx: runs.reduce((s, x) => s + (x.non2xx || 0), 0),
          errors: runs.reduce((s, x) => s + (x.errors || 0), 0),
          mismatches: runs.reduce((s, x) => s + (x.mismatches || 0), 0),
          foreignCpuMax: spread(runs.map((x) => x.foreignCpu)).max,
        };
      }
    }
    const tt = rounds.map((r) => r.targets[t]?.ttfb).filter((x) => x && x.count > 0);
    d.ttfb[t] = { n: tt.length, p50: spread(tt.map((x) => x.p50)), p99: spread(tt.map((x) => x.p99)), direct: spread(tt.map((x) => x.baseline?.p50)), failures: tt.reduce((s, x) => s + (x.failures || 0), 0) };
  }
  for (const g of GATEWAYS) {
    d.added[g] = {
      value: across((f) => f.added[g].value),
      interleaved: across((f) => f.added[g].interleaved),
      pairedMedian: across((f) => f.added[g].pairedMedian),
      autocannon: across((f) => f.added[g].autocannon),
      autocannonMean: across((f) => f.added[g].autocannonMean),
    };
    d.addedStream[g] = across((f) => f.addedStream[g]);
    d.ttfbOverhead[g] = { p50: across((f) => f.ttfbOverhead[g]?.p50), p99: across((f) => f.ttfbOverhead[g]?.p99) };
    d.memory[g] = {};
    for (const k of ['startRss', 'peakRss', 'afterLoadRss', 'returnDelta', 'childrenPss']) d.memory[g][k] = across((f) => f.memory[g][k]);
  }
  for (const mode of MODES) d.ratio[mode] = across((f) => f.ratio[mode]);
  d.targets = judgeTargets(d, results.meta);
  return d;
}

/** The issue's targets, each judged on the median across rounds. */
export function judgeTargets(d, meta = {}) {
  const settle = meta.settleS ?? 15;
  const rps = (t, mode) => d.load[t]?.[mode]?.[d.top]?.rps;
  const mb = (s) => fmtSpread(s, (x) => `${fmtMB(x)} MB`);
  const mem = d.memory.ours;
  const ref = d.memory.reference;
  const ratioFigure = (mode) =>
    d.ratio[mode]?.n
      ? `${fmtSpread(d.ratio[mode], fmtRatio)} over ${d.ratio[mode].n} pair${d.ratio[mode].n === 1 ? '' : 's'} (medians ${fmtRps(rps('ours', mode)?.median)} vs ${fmtRps(rps('reference', mode)?.median)} req/s)`
      : '–';
  return [
    {
      id: 'peakRss',
      name: `Peak RSS of our gateway process under the load (VmHWM), control plane on ≤ ${LIMITS.peakRssMB} MB`,
      figure: mem.peakRss.n ? `${mb(mem.peakRss)}; reference ${mb(ref.peakRss)}` : '–',
      result: judge(mem.peakRss.median, (v) => v <= LIMITS.peakRssMB * MB),
    },
    {
      id: 'startRss',
      name: `RSS of our gateway right after start ≤ ${LIMITS.startRssMB} MB`,
      figure: mem.startRss.n ? `${mb(mem.startRss)}; reference ${mb(ref.startRss)}` : '–',
      result: judge(mem.startRss.median, (v) => v <= LIMITS.startRssMB * MB),
    },
    {
      id: 'returnRss',
      name: `Memory returns close to its after-start level: RSS ${settle} s after the load − RSS after start ≤ ${LIMITS.returnMB} MB`,
      figure: mem.returnDelta.n ? `${fmtSpread(mem.returnDelta, (x) => `${fmtSignedMB(x)} MB`)} (${mb(mem.afterLoadRss)} after the load)` : '–',
      result: judge(mem.returnDelta.median, (v) => v <= LIMITS.returnMB * MB),
    },
    {
      id: 'added',
      name: `Unloaded added latency, JSON (p50 through the gateway − p50 direct; per round the larger of the two methods) ≤ ${LIMITS.addedMs} ms`,
      figure: d.added.ours.value.n
        ? `${fmtSpread(d.added.ours.value, (x) => `${fmtSigned(x)} ms`)} (interleaved ${fmtSpread(d.added.ours.interleaved, fmtSigned)}, autocannon c=1 ${fmtSpread(d.added.ours.autocannon, fmtSigned)}); reference ${fmtSpread(d.added.reference.value, fmtSigned)} ms`
        : '–',
      result: judge(d.added.ours.value.median, (v) => v <= LIMITS.addedMs),
    },
    {
      id: 'ttfb',
      name: `Stream first-byte overhead (p50 − p50 of interleaved direct requests) ≤ ${LIMITS.ttfbMs} ms`,
      figure: d.ttfbOverhead.ours.p50.n ? `${fmtSpread(d.ttfbOverhead.ours.p50, (x) => `${fmtSigned(x)} ms`)}; reference ${fmtSpread(d.ttfbOverhead.reference.p50, (x) => fmtSigned(x, 2))} ms` : '–',
      result: judge(d.ttfbOverhead.ours.p50.median, (v) => v <= LIMITS.ttfbMs),
    },
    {
      id: 'ratioJson',
      name: `Requests/s at c=${d.top}, JSON: ours ≥ ${LIMITS.ratio.json}× reference (median of per-pair ratios)`,
      figure: ratioFigure('json'),
      result: judge(d.ratio.json.median, (v) => v >= LIMITS.ratio.json),
    },
    {
      id: 'ratioStream',
      name: `Requests/s at c=${d.top}, streams: ours ≥ ${LIMITS.ratio.stream}× reference (median of per-pair ratios)`,
      figure: ratioFigure('stream'),
      result: judge(d.ratio.stream.median, (v) => v >= LIMITS.ratio.stream),
    },
  ];
}

// ---------------------------------------------------------------- tables

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mdTable(header, rows, align) {
  const esc = (c) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map((_, i) => (align?.[i] === 'l' ? ':--' : '--:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const whyMissing = (results, t, mode) => {
  for (const r of results.rounds ?? []) {
    const e = r.targets[t];
    const why = (mode && e?.skipReason?.[mode]) || e?.reason;
    if (why) return why;
  }
  return 'not run';
};

const LOAD_HEADER = ['target', 'conns', 'rounds', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'mismatch', 'other CPU (max)'];
function loadRows(results, mode) {
  const rows = [];
  for (const t of TARGET_ORDER) {
    for (const c of results.meta.connections) {
      const x = results.derived.load[t][mode][c];
      if (!x.n) {
        rows.push([LABELS[t], c, 0, '–', '–', '–', '–', '–', '–', whyMissing(results, t, mode)]);
        continue;
      }
      rows.push([LABELS[t], c, x.n, fmtSpread(x.rps, fmtRps), fmtSpread(x.p50, fmtMs), fmtSpread(x.p99, (v) => fmtMs(v, 2)), x.non2xx, x.errors, x.mismatches, fmtPct(x.foreignCpuMax)]);
    }
  }
  return rows;
}

function ratioRows(results) {
  const d = results.derived;
  return MODES.map((mode) => [
    mode === 'json' ? 'JSON' : 'streams',
    d.rounds.map((f) => fmtRatio(f.ratio[mode])).join(', ') || '–',
    fmtSpread(d.ratio[mode], fmtRatio),
    `≥ ${LIMITS.ratio[mode]}×`,
  ]);
}
const RATIO_HEADER = ['mode', 'per pair (round 1, 2, …)', 'median (min – max)', 'target'];

const ADDED_HEADER = ['gateway', 'interleaved p50 − p50', 'median of pair diffs', 'autocannon c=1 p50 diff', 'autocannon c=1 mean diff', 'verdict figure (larger, per round)', 'whole stream c=1 p50 diff'];
function addedRows(results) {
  return GATEWAYS.map((g) => {
    const a = results.derived.added[g];
    if (!a.value.n) return [LABELS[g], '–', '–', '–', '–', '–', whyMissing(results, g, 'json')];
    return [
      LABELS[g],
      fmtSpread(a.interleaved, fmtSigned),
      fmtSpread(a.pairedMedian, fmtSigned),
      fmtSpread(a.autocannon, fmtSigned),
      fmtSpread(a.autocannonMean, fmtSigned),
      fmtSpread(a.value, fmtSigned),
      fmtSpread(results.derived.addedStream[g], fmtSigned),
    ];
  });
}

const TTFB_HEADER = ['target', 'rounds', 'p50 ms', 'p99 ms', 'direct p50 (interleaved)', 'overhead p50 ms', 'failures'];
function ttfbRows(results) {
  const d = results.derived;
  return TARGET_ORDER.map((t) => {
    const x = d.ttfb[t];
    if (!x.n) return [LABELS[t], 0, '–', '–', '–', '–', whyMissing(results, t, 'stream')];
    return [
      LABELS[t],
      x.n,
      fmtSpread(x.p50, fmtMs),
      fmtSpread(x.p99, (v) => fmtMs(v, 2)),
      t === 'direct' ? '(itself)' : fmtSpread(x.direct, fmtMs),
      t === 'direct' ? '–' : fmtSpread(d.ttfbOverhead[t].p50, fmtSigned),
      x.failures,
    ];
  });
}

const MEM_HEADER = (settle) => ['gateway', 'RSS after start MB', 'peak RSS (VmHWM) MB', `RSS ${settle} s after load MB`, 'after load − after start MB', 'child processes PSS MB'];
function memRows(results) {
  const d = results.derived;
  return GATEWAYS.map((g) => {
    const m = d.memory[g];
    if (!m.startRss.n) return [LABELS[g], '–', '–', '–', '–', whyMissing(results, g)];
    return [LABELS[g], fmtSpread(m.startRss, fmtMB), fmtSpread(m.peakRss, fmtMB), fmtSpread(m.afterLoadRss, fmtMB), fmtSpread(m.returnDelta, fmtSignedMB), fmtSpread(m.childrenPss, fmtMB)];
  });
}

const MEM_ROUND_HEADER = ['round', 'gateway', 'pid', 'after start', 'VmHWM once started', 'peak (VmHWM) at the end', 'after load', 'child processes (PSS)'];
function memRoundRows(results) {
  const rows = [];
  for (const r of results.rounds ?? []) {
    for (const g of GATEWAYS) {
      const m = r.targets[g]?.memory;
      if (!m && !r.targets[g]) continue;
      const c = m?.children;
      rows.push([r.index, LABELS[g], m?.pid ?? '–', fmtMem(m?.startRss), fmtMem(m?.startHwm), fmtMem(m?.hwm), fmtMem(m?.afterLoadRss), c ? (c.count ? `${fmtMem(c.pss)}: ${c.names.join(', ')}` : 'none') : (r.targets[g]?.reason ?? '–')]);
    }
  }
  return rows;
}

const ROUND_HEADER = ['round', 'target', 'mode', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'mismatch', 'other CPU'];
function roundRows(results) {
  const rows = [];
  for (const r of results.rounds ?? []) {
    for (const t of r.order) {
      for (const mode of MODES) {
        for (const c of results.meta.connections) {
          const x = r.targets[t]?.load?.[mode]?.[c];
          if (x) rows.push([r.index, LABELS[t], mode, c, fmtRps(x.rps), fmtMs(x.p50), fmtMs(x.p99, 2), x.non2xx, x.errors, x.mismatches, fmtPct(x.foreignCpu)]);
        }
      }
    }
  }
  return rows;
}

const SEQ_ROUND_HEADER = ['round', 'gateway', 'added latency: interleaved', 'autocannon c=1', 'first-byte overhead', 'other CPU (added / first byte)'];
function seqRoundRows(results) {
  const rows = [];
  (results.rounds ?? []).forEach((r, i) => {
    const f = results.derived.rounds[i];
    for (const g of GATEWAYS) {
      if (!r.targets[g]) continue;
      rows.push([
        r.index,
        LABELS[g],
        fmtSigned(f.added[g].interleaved),
        fmtSigned(f.added[g].autocannon),
        fmtSigned(f.ttfbOverhead[g]?.p50),
        `${fmtPct(r.targets[g]?.paired?.foreignCpu)} / ${fmtPct(r.targets[g]?.ttfb?.foreignCpu)}`,
      ]);
    }
  });
  return rows;
}

/** How our gateway is started, for the setup section. */
export function startCommand(meta) {
  const f = meta.runtimeFlags ?? { nodeArgs: [], env: {} };
  const envText = Object.entries(f.env ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${envText ? `${envText} ` : ''}node ${[...(f.nodeArgs ?? []), ...(meta.extraNodeArgs ?? []), ...(meta.heapProbe ? ['--import bench/soak/memory-probe.mjs'] : []), 'apps/gateway/dist/main.js'].join(' ')}`;
}

/** The summary printed at the end of the run. */
export function consoleSummary(results) {
  const d = results.derived;
  const m = results.meta;
  const n = results.rounds?.length ?? 0;
  const out = [`\nMedians (min – max) over ${n} round${n === 1 ? '' : 's'}; each round starts a fresh process of each gateway.`];
  for (const mode of MODES) {
    out.push(`\n${MODE_TITLES[mode]} (${m.durationS} s per run)`);
    out.push(table(LOAD_HEADER, loadRows(results, mode)));
  }
  out.push(`\nRequests/s ours ÷ reference at c=${d.top}, per pair`);
  out.push(table(RATIO_HEADER, ratioRows(results)));
  out.push(`\nUnloaded added latency (JSON, one request at a time; ms)`);
  out.push(table(ADDED_HEADER, addedRows(results)));
  out.push(`\nStreaming time to first body byte (${m.ttfbCount} sequential requests per round)`);
  out.push(table(TTFB_HEADER, ttfbRows(results)));
  out.push('\nMemory (gateway process, /proc/<pid>/status; MB = 10⁶ bytes)');
  out.push(table(MEM_HEADER(m.settleS), memRows(results)));
  out.push('\nTargets (judged on the medians)');
  for (const t of d.targets) out.push(`  ${t.result.padEnd(12)} ${t.name}\n  ${' '.repeat(12)}   ${t.figure}`);
  if (results.problems.length) out.push(`\nProblems:\n${results.problems.map((p) => `- ${p}`).join('\n')}`);
  return out.join('\n');
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
  const n = results.rounds?.length ?? 0;
  const f = m.runtimeFlags ?? { nodeArgs: [], env: {} };
  const o = [];
  o.push('# Benchmarks');
  o.push('');
  o.push(`_Generated by \`npm run bench\` (\`bench/run.mjs\`) on ${m.date}. Everything above "Notes" is rewritten on each run._`);
  o.push('');
  o.push('## Machine and setup');
  o.push('');
  o.push(`- CPU: ${m.cores} cores (${m.cpuModel}); memory ${m.memGiB} GiB; ${m.os}`);
  o.push(`- Node ${m.node}; autocannon ${m.autocannonVersion}`);
  o.push(`- Our gateway: \`apps/gateway\` at commit ${m.commit}${m.dirty ? ' with uncommitted changes' : ''}, started as \`${startCommand(m)}\` with \`PORT\`, \`HOST=127.0.0.1\`, \`NODE_ENV=production\`.`);
  o.push(`- Node arguments and environment from \`${m.runtimeFlagsFile ?? 'apps/gateway/runtime-flags.json'}\` (the file \`npm start\` reads too): nodeArgs ${f.nodeArgs?.length ? f.nodeArgs.map((a) => `\`${a}\``).join(' ') : 'none'}; env ${Object.keys(f.env ?? {}).length ? Object.entries(f.env).map(([k, v]) => `\`${k}=${v}\``).join(' ') : 'none'}${m.flagEnvOverridden?.length ? ` (${m.flagEnvOverridden.join(', ')} from the environment of this run, which wins over the file's value, as with \`npm start\`)` : ''}${m.extraNodeArgs?.length ? `; plus, for this run only, \`BENCH_GATEWAY_NODE_ARGS\`: ${m.extraNodeArgs.map((a) => `\`${a}\``).join(' ')}` : ''}.`);
  o.push(`- Control plane: ${m.controlPlane ?? '?'}`);
  o.push(`- Reference: @portkey-ai/gateway ${m.referenceVersion} (@hono/node-server ${m.honoVersion})`);
  o.push(`- Mock provider: \`apps/mock-provider\` (\`node apps/mock-provider/dist/cli.js\`), on the same machine`);
  o.push(`- ${n} round${n === 1 ? '' : 's'} (\`BENCH_PAIRS\`=${m.pairs}); order per round: ${(results.rounds ?? []).map((r) => r.order.filter((t) => t !== 'direct').join(' → ')).join('; ') || '–'}`);
  o.push('');
  o.push('## Method');
  o.push('');
  o.push(`- **Rounds.** The mock provider is started once. Each round measures the mock directly (the baseline), then our gateway and the reference one after the other, each in a **fresh process** started for the round and stopped at its end (never two measured at once: the machine has 2 cores). The gateways' order flips every round (ours first in odd rounds, the reference first in even ones), so a slow drift of the machine does not favour one. Every figure below is the **median across rounds, with the min – max spread**; ratios ours ÷ reference are computed per round (pair) first, then their median is taken. The targets are judged on the medians.`);
  o.push('- Requests: `POST /v1/chat/completions` with `x-portkey-provider: openai`, `x-portkey-custom-host: http://127.0.0.1:<mock>/v1`, `authorization: Bearer sk-bench`, body `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}`; streams add `"stream": true`. Direct: the same request to the mock.');
  o.push('- Before measuring, one request of each kind through each target must answer 200 with `choices` (JSON) or SSE chunks ending in `data: [DONE]` (streams); a target that fails is reported and not measured. Under load every body is checked too (column "mismatch").');
  o.push(`- Load: autocannon ${m.autocannonVersion} (programmatic API), keep-alive, no pipelining, at ${m.connections.join(' and ')} connections: ${m.warmupS} s warm-up (discarded), then ${m.durationS} s measured. req/s is autocannon's mean of its per-second samples.`);
  o.push("- Latency: autocannon's own histogram keeps whole milliseconds only, so p50 / p99 here are computed from each 2xx response's time as autocannon measures it (`process.hrtime`, fractional ms, from its `response` event). For streams this is the time to the end of the stream.");
  o.push(
    `- **Unloaded added latency** = p50 through the gateway − p50 direct, JSON, one request at a time, two ways per round: (1) *interleaved*: ${m.pairedCount} sequential \`node:http\` requests (after ${m.pairedWarmup} unrecorded), each paired with one direct request (alternating which goes first), one keep-alive connection to each; (2) from the autocannon runs at 1 connection against the same round's direct run. (2) compares runs a minute apart (the direct p50 drifts by ~0.1 ms on this shared machine); (1) cancels that drift but leaves the gateway an idle gap between requests. **Each round's figure is the larger of the two**; the verdict takes the median of those.`,
  );
  o.push(`- **Stream first-byte overhead**: ${m.ttfbCount} sequential streamed requests per round (after ${m.ttfbWarmup} unrecorded), alternating with direct ones; time from issuing the request to the first body byte. Overhead = gateway p50 − p50 of the interleaved direct requests.`);
  o.push(
    `- **Memory** (the gateway's own node process, spawned as \`node …\` directly; \`/proc/<pid>/status\`): *RSS after start* is \`VmRSS\` once it first answers HTTP; *peak RSS* is the gateway's \`VmHWM\` at the end of its round: it covers start-up and the load at all connection counts (the per-round table also shows \`VmHWM\` once started, so a peak reached while starting shows; the highest of all its \`VmHWM\` readings and RSS samples is taken, since the kernel updates \`VmHWM\` lazily); *RSS after load* is \`VmRSS\` ${m.settleS} s after the last load run ends, the process idle meanwhile (the sequential latency measurements come after that reading). "Returns close to its after-start level" means RSS after load is at most ${LIMITS.returnMB} MB above RSS after start (median of the per-round differences). MB = 10⁶ bytes, the stricter reading of the targets. Processes a gateway starts (the embedded Postgres) are not part of its RSS; their summed PSS at the end of the round is listed apart.`,
  );
  o.push(
    `- **Memory curve**: our gateway's \`VmRSS\` is read every ${m.sampleMs / 1000} s from \`/proc\` from spawn to stop${m.heapProbe ? `, and its V8 heap (used / total) every ${m.sampleMs / 1000} s from inside by \`bench/soak/memory-probe.mjs\`, loaded with \`node --import\` (one small synchronous file append per sample)` : ''}.`,
  );
  o.push(
    `- **Other CPU**: the share of the machine's CPU used by processes other than the benchmark, the mock and the gateway under test during each measurement (\`/proc/<pid>/stat\` against \`/proc/stat\`; a lower bound). Before each measurement the benchmark waits up to ${m.idleWaitS} s for it to fall to ${Math.round(BUSY_SHARE * 100)}%, and measures again (${m.busyRetries} time${m.busyRetries === 1 ? '' : 's'} at most, keeping the least disturbed attempt) when it was higher; a measurement still above is listed under "Problems in this run". Other processes before the run: ${fmtPct(m.foreignCpuBefore)}.`,
  );
  o.push('');
  for (const mode of MODES) {
    o.push(`## ${MODE_TITLES[mode]}`);
    o.push('');
    o.push(`Median (min – max) over the rounds.`);
    o.push('');
    o.push(mdTable(['Target', 'Connections', 'Rounds', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'body mismatches', 'Other CPU (max)'], loadRows(results, mode), ['l']));
    o.push('');
  }
  o.push(`## Throughput ratio, ours ÷ reference at ${d.top} connections`);
  o.push('');
  o.push(mdTable(RATIO_HEADER, ratioRows(results), ['l', 'l']));
  o.push('');
  o.push('## Unloaded added latency (JSON, one request at a time; ms)');
  o.push('');
  o.push(mdTable(ADDED_HEADER, addedRows(results), ['l']));
  o.push('');
  o.push('## Streaming time to first byte');
  o.push('');
  o.push(mdTable(TTFB_HEADER, ttfbRows(results), ['l']));
  o.push('');
  o.push('## Memory');
  o.push('');
  o.push(mdTable(MEM_HEADER(m.settleS), memRows(results), ['l']));
  o.push('');
  o.push(mdTable(MEM_ROUND_HEADER, memRoundRows(results), ['r', 'l']));
  o.push('');
  if (results.curve?.link) {
    o.push(`Our gateway's memory in each round ([${results.curve.link}](${results.curve.link})):`);
    o.push('');
    o.push(`![RSS and V8 heap of our gateway over each round](${results.curve.link})`);
    o.push('');
  }
  o.push('## Targets (issue 14)');
  o.push('');
  o.push(mdTable(['Target', 'Measured: median (min – max)', 'Result'], d.targets.map((t) => [t.name, t.figure, `**${t.result}**`]), ['l', 'l', 'l']));
  o.push('');
  o.push('## Every round');
  o.push('');
  o.push('<details><summary>Load runs, sequential measurements, per round</summary>');
  o.push('');
  o.push(mdTable(ROUND_HEADER, roundRows(results), ['r', 'l', 'l']));
  o.push('');
  o.push(mdTable(SEQ_ROUND_HEADER, seqRoundRows(results), ['r', 'l']));
  o.push('');
  o.push('</details>');
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
