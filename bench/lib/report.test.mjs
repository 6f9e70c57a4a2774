// Unit tests for the pure parts of the benchmark's report: medians and spreads across rounds,
// per-pair ratios, and the targets' verdicts. `node --test bench/lib/` (or `npm test -w bench`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryCurveSvg } from './curve.mjs';
import { derive, fmtSpread, judge, judgeTargets, LIMITS, markdown, MB, ratioConnections, roundFigures } from './report.mjs';
import { parseRuntimeFlags } from './runtime-flags.mjs';
import { spread } from './stats.mjs';

test('spread: median of an odd count is the middle value, with min and max', () => {
  assert.deepEqual(spread([5, 1, 3]), { median: 3, min: 1, max: 5, n: 3, values: [5, 1, 3] });
});

test('spread: median of an even count is the mean of the two middle values', () => {
  const s = spread([4, 1, 10, 2]);
  assert.equal(s.median, 3);
  assert.equal(s.min, 1);
  assert.equal(s.max, 10);
});

test('spread: rounds without a figure are left out; none left gives NaN', () => {
  const s = spread([NaN, 2, undefined, null, 6]);
  assert.equal(s.n, 2);
  assert.equal(s.median, 4);
  const none = spread([NaN, undefined]);
  assert.equal(none.n, 0);
  assert.ok(Number.isNaN(none.median) && Number.isNaN(none.min) && Number.isNaN(none.max));
});

test('fmtSpread: one value alone, several as median (min – max), none as a dash', () => {
  const f = (x) => x.toFixed(1);
  assert.equal(fmtSpread(spread([2]), f), '2.0');
  assert.equal(fmtSpread(spread([1, 2, 3]), f), '2.0 (1.0 – 3.0)');
  assert.equal(fmtSpread(spread([]), f), '–');
});

test('judge: MET, MISSED, NOT MEASURED', () => {
  assert.equal(judge(1, (v) => v <= 1), 'MET');
  assert.equal(judge(1.01, (v) => v <= 1), 'MISSED');
  assert.equal(judge(NaN, (v) => v <= 1), 'NOT MEASURED');
  assert.equal(judge(undefined, () => true), 'NOT MEASURED');
});

test('ratioConnections: 32 when measured, else the highest count', () => {
  assert.equal(ratioConnections([1, 32]), 32);
  assert.equal(ratioConnections([1, 8]), 8);
  assert.equal(ratioConnections([64, 32, 1]), 32);
});

// ---- a synthetic run: three rounds with known figures

const run = (rps, p50, extra = {}) => ({ rps, p50, p99: p50 * 3, mean: p50 * 1.1, non2xx: 0, errors: 0, mismatches: 0, foreignCpu: 0.01, ...extra });
const seq = (p50, baseP50, extra = {}) => ({ count: 100, p50, p99: p50 * 2, mean: p50, failures: 0, baseline: { count: 100, p50: baseP50, p99: baseP50 * 2, mean: baseP50 }, pairedDiff: { p50: p50 - baseP50 }, ...extra });

/** Round i: ours does oursRps[i] JSON req/s, the reference refRps[i]; memory in MB. */
function round(index, { oursRps, refRps, oursStream = oursRps * 0.8, refStream = refRps, start = 100, peak = 140, after = 120, paired = 0.25, ac1 = 0.2, ttfb = 0.4 }) {
  const load = (json, stream, c1json, c1stream) => ({ json: { 1: run(1000, c1json), 32: run(json, 5) }, stream: { 1: run(900, c1stream), 32: run(stream, 6) } });
  return {
    index,
    order: index % 2 ? ['direct', 'ours', 'reference'] : ['direct', 'reference', 'ours'],
    targets: {
      direct: { load: load(20000, 20000, 0.1, 0.12), ttfb: { count: 100, p50: 0.2, p99: 0.4, mean: 0.2, failures: 0 } },
      ours: {
        load: load(oursRps, oursStream, 0.1 + ac1, 0.5),
        paired: seq(0.3 + paired, 0.3),
        ttfb: seq(0.25 + ttfb, 0.25),
        memory: { pid: 1, startRss: start * MB, hwm: peak * MB, afterLoadRss: after * MB, children: { count: 0, pss: 0, names: [] } },
      },
      reference: {
        load: load(refRps, refStream, 0.9, 28),
        paired: seq(1.1, 0.3),
        ttfb: seq(27.5, 0.3),
        memory: { pid: 2, startRss: 90 * MB, hwm: 216 * MB, afterLoadRss: 200 * MB, children: { count: 0, pss: 0, names: [] } },
      },
    },
  };
}

const results = (rounds) => ({
  meta: { connections: [1, 32], settleS: 15, durationS: 10, warmupS: 2, ttfbCount: 100, ttfbWarmup: 10, pairedCount: 100, pairedWarmup: 10, idleWaitS: 10, busyRetries: 1, pairs: rounds.length, sampleMs: 1000, runtimeFlags: { nodeArgs: ['--max-semi-space-size=4'], env: { MALLOC_ARENA_MAX: '2' } } },
  rounds,
  problems: [],
});

test('roundFigures: added latency is the larger of the interleaved and the autocannon c=1 figures', () => {
  const f = roundFigures(round(1, { oursRps: 6000, refRps: 1000, paired: 0.25, ac1: 0.31 }), [1, 32]);
  assert.ok(Math.abs(f.added.ours.interleaved - 0.25) < 1e-9);
  assert.ok(Math.abs(f.added.ours.autocannon - 0.31) < 1e-9);
  assert.ok(Math.abs(f.added.ours.value - 0.31) < 1e-9);
  assert.equal(f.ratio.json, 6);
  assert.ok(Math.abs(f.memory.ours.returnDelta - 20 * MB) < 1);
});

test('roundFigures: without a 1-connection run the interleaved figure alone counts', () => {
  const r = round(1, { oursRps: 6000, refRps: 1000, paired: 0.25, ac1: 0.5 });
  const f = roundFigures(r, [32]);
  assert.ok(Math.abs(f.added.ours.value - 0.25) < 1e-9);
});

test('derive: ratios are computed per pair, then their median is taken', () => {
  // Pair ratios 6.0, 4.0, 8.0 → median 6.0 (the ratio of the median req/s would be 7000/1000 = 7).
  const d = derive(results([round(1, { oursRps: 6000, refRps: 1000 }), round(2, { oursRps: 8000, refRps: 2000 }), round(3, { oursRps: 7000, refRps: 875 })]));
  assert.deepEqual(d.ratio.json.values, [6, 4, 8]);
  assert.equal(d.ratio.json.median, 6);
  assert.equal(d.ratio.json.min, 4);
  assert.equal(d.ratio.json.max, 8);
  assert.equal(d.load.ours.json[32].rps.median, 7000);
  assert.equal(d.load.ours.json[32].n, 3);
  assert.equal(d.targets.find((t) => t.id === 'ratioJson').result, 'MET');
});

test('derive: every target MET at the limits, MISSED just beyond them (judged on medians)', () => {
  const atLimit = { oursRps: 6000, refRps: 1000, oursStream: 5000, refStream: 1000, start: LIMITS.startRssMB, peak: LIMITS.peakRssMB, after: LIMITS.startRssMB + LIMITS.returnMB, paired: 0.3, ac1: 0.1, ttfb: 0.5 };
  const met = derive(results([round(1, atLimit), round(2, atLimit), round(3, atLimit)]));
  for (const t of met.targets) assert.equal(t.result, 'MET', `${t.id}: ${t.figure}`);

  const beyond = { oursRps: 5900, refRps: 1000, oursStream: 4900, refStream: 1000, start: 110.1, peak: 150.1, after: 135.2, paired: 0.31, ac1: 0.1, ttfb: 0.51 };
  const missed = derive(results([round(1, beyond), round(2, beyond), round(3, beyond)]));
  for (const t of missed.targets) assert.equal(t.result, 'MISSED', `${t.id}: ${t.figure}`);
});

test('derive: one bad round does not decide a verdict; the median does', () => {
  const good = { oursRps: 7000, refRps: 1000, peak: 140 };
  const bad = { oursRps: 3000, refRps: 1000, peak: 300 };
  const d = derive(results([round(1, good), round(2, bad), round(3, good)]));
  assert.equal(d.memory.ours.peakRss.median, 140 * MB);
  assert.equal(d.memory.ours.peakRss.max, 300 * MB);
  assert.equal(d.targets.find((t) => t.id === 'peakRss').result, 'MET');
  assert.equal(d.targets.find((t) => t.id === 'ratioJson').result, 'MET');
  assert.match(d.targets.find((t) => t.id === 'peakRss').figure, /140\.0 MB \(140\.0 MB – 300\.0 MB\)/);
});

test('derive: a gateway that was not measured gives NOT MEASURED, not MISSED', () => {
  const r = round(1, { oursRps: 7000, refRps: 1000 });
  delete r.targets.reference;
  r.targets.ours = { reason: 'failed to start', load: {}, skipReason: {} };
  const d = derive(results([r]));
  for (const t of d.targets) assert.equal(t.result, 'NOT MEASURED', t.id);
});

test('judgeTargets: the return-to-baseline target uses the median of per-round differences', () => {
  // Differences 10, 30, 20 MB → median 20 MB (MET), though the medians of the levels would differ.
  const d = derive(results([round(1, { oursRps: 7000, refRps: 1000, start: 100, after: 110 }), round(2, { oursRps: 7000, refRps: 1000, start: 80, after: 110 }), round(3, { oursRps: 7000, refRps: 1000, start: 105, after: 125 })]));
  assert.equal(d.memory.ours.returnDelta.median, 20 * MB);
  assert.equal(judgeTargets(d, { settleS: 15 }).find((t) => t.id === 'returnRss').result, 'MET');
});

test('markdown: has the targets, the flags used and the curve link, and keeps the notes', () => {
  const res = results([round(1, { oursRps: 7000, refRps: 1000 }), round(2, { oursRps: 7000, refRps: 1000 })]);
  res.meta.heapProbe = true;
  res.derived = derive(res);
  res.curve = { link: 'bench/results/memory-curve.svg' };
  const md = markdown(res, 'hand-written\n');
  assert.match(md, /## Targets \(issue 14\)/);
  assert.match(md, /`--max-semi-space-size=4`/);
  assert.match(md, /`MALLOC_ARENA_MAX=2`/);
  assert.match(md, /!\[[^\]]*\]\(bench\/results\/memory-curve\.svg\)/);
  assert.match(md, /## Notes\n\nhand-written\n$/);
});

test('memoryCurveSvg: one panel per round with the limits drawn', () => {
  const curve = (index) => ({
    index,
    samples: [0, 1, 2, 3].map((s) => ({ s, rss: (100 + s * 10) * MB })),
    heap: [0, 1, 2, 3].map((s) => ({ s, heapUsed: 30 * MB, heapTotal: 50 * MB })),
    phases: [{ from: 0, to: 1, label: 'start' }, { from: 1, to: 3, label: 'JSON c=32' }],
  });
  const svg = memoryCurveSvg([curve(1), curve(2)]);
  assert.match(svg, /^<svg /);
  assert.equal((svg.match(/Round \d/g) ?? []).length, 2);
  assert.match(svg, /peak target 150 MB/);
  assert.match(svg, /heap used/);
});

test('parseRuntimeFlags: accepts the documented shape, rejects anything else', () => {
  assert.deepEqual(parseRuntimeFlags({ nodeArgs: [], env: {} }), { nodeArgs: [], env: {} });
  assert.deepEqual(parseRuntimeFlags({ nodeArgs: ['--max-semi-space-size=2'], env: { MALLOC_ARENA_MAX: '2' } }), { nodeArgs: ['--max-semi-space-size=2'], env: { MALLOC_ARENA_MAX: '2' } });
  assert.deepEqual(parseRuntimeFlags({}), { nodeArgs: [], env: {} });
  assert.throws(() => parseRuntimeFlags({ nodeArgs: '--x' }), /nodeArgs/);
  assert.throws(() => parseRuntimeFlags({ env: { MALLOC_ARENA_MAX: 2 } }), /env/);
  assert.throws(() => parseRuntimeFlags({ flags: [] }), /unknown key/);
  assert.throws(() => parseRuntimeFlags([]), /expected an object/);
});
