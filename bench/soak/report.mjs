// The soak's figures: the memory series as CSV, a plot as SVG (bench/lib/svg.mjs: no chart library,
// so the soak runs with what the repository already installs), and the verdict. Pure functions.
import { panel, svgDocument } from '../lib/svg.mjs';

const MIB = 1024 * 1024;

/** Least-squares slope of y over x (units of y per unit of x); NaN with fewer than two distinct x. */
export function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/**
 * Flat or climbing, judged on the second half of the run only: the first half holds the warm-up
 * (JIT, pools, caches filling), which climbs in any healthy process. `maxMiBPerMin` is the RSS
 * slope above which the run counts as climbing (0.5 MiB/min is 30 MiB an hour).
 */
export function verdict(samples, { maxMiBPerMin = 0.5 } = {}) {
  if (samples.length < 4) return { verdict: 'too short', rssMiBPerMin: NaN, heapMiBPerMin: NaN, secondHalfFrom: NaN };
  const t0 = samples[0].t;
  const mid = t0 + (samples.at(-1).t - t0) / 2;
  const half = samples.filter((s) => s.t >= mid);
  const perMin = (field) => (slope(half.map((s) => ({ x: (s.t - t0) / 60_000, y: s[field] / MIB }))));
  const rssMiBPerMin = perMin('rss');
  const heapMiBPerMin = perMin('heapUsed');
  return {
    verdict: rssMiBPerMin > maxMiBPerMin ? 'climbing' : 'flat',
    rssMiBPerMin,
    heapMiBPerMin,
    maxMiBPerMin,
    secondHalfFrom: (mid - t0) / 1000,
  };
}

/** One row per sample; seconds since the first sample, bytes as integers, plus the traffic counters. */
export function toCsv(samples) {
  const head = 'seconds,rss_bytes,heap_used_bytes,heap_total_bytes,external_bytes,array_buffers_bytes,requests_ok,requests_failed';
  const t0 = samples[0]?.t ?? 0;
  const rows = samples.map((s) =>
    [((s.t - t0) / 1000).toFixed(1), s.rss, s.heapUsed, s.heapTotal, s.external, s.arrayBuffers, s.ok ?? '', s.failed ?? ''].join(','),
  );
  return `${[head, ...rows].join('\n')}\n`;
}

const SERIES = [
  { field: 'rss', label: 'RSS', color: '#d62728' },
  { field: 'heapTotal', label: 'heap total', color: '#1f77b4' },
  { field: 'heapUsed', label: 'heap used', color: '#2ca02c' },
];

/** A line chart of RSS and heap (MiB) over minutes, with the second-half RSS trend dashed. */
export function toSvg(samples, { title = 'Gateway memory during the soak', result } = {}) {
  const W = 760;
  const H = 360;
  const t0 = samples[0]?.t ?? 0;
  const xs = samples.map((s) => (s.t - t0) / 60_000);
  const xMax = Math.max(1e-9, ...xs);
  const yMax = Math.max(1, ...samples.flatMap((s) => SERIES.map((k) => s[k.field] / MIB))) * 1.1;
  const segments = [];
  let note = '';
  if (result && Number.isFinite(result.rssMiBPerMin)) {
    // The trend the verdict is based on, drawn through the second half's mean.
    const half = samples.filter((s) => (s.t - t0) / 1000 >= result.secondHalfFrom);
    const mx = half.reduce((s, p) => s + (p.t - t0) / 60_000, 0) / half.length;
    const my = half.reduce((s, p) => s + p.rss / MIB, 0) / half.length;
    const xa = result.secondHalfFrom / 60;
    const line = (x) => my + result.rssMiBPerMin * (x - mx);
    segments.push({ x1: xa, y1: line(xa), x2: xMax, y2: line(xMax) });
    note = `RSS trend, 2nd half: ${result.rssMiBPerMin.toFixed(2)} MiB/min (${result.verdict})`;
  }
  const chart = panel({
    left: 0,
    top: 28,
    width: W,
    height: H - 28,
    xMax,
    yMax,
    xLabel: 'minutes',
    yLabel: 'MiB',
    note,
    series: SERIES.map((k) => ({ label: k.label, color: k.color, points: samples.map((s, j) => [xs[j], s[k.field] / MIB]) })),
    segments,
  });
  return svgDocument(W, H, chart, { heading: title });
}
