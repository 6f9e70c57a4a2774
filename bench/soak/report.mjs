// The soak's figures: the memory series as CSV, a plot as SVG (drawn here: no chart library, so
// the soak runs with what the repository already installs), and the verdict. Pure functions.

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

function niceStep(range, ticks) {
  const raw = range / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A line chart of RSS and heap (MiB) over minutes, with the second-half RSS trend dashed. */
export function toSvg(samples, { title = 'Gateway memory during the soak', result } = {}) {
  const W = 760;
  const H = 360;
  const m = { l: 60, r: 20, t: 40, b: 50 };
  const t0 = samples[0]?.t ?? 0;
  const xs = samples.map((s) => (s.t - t0) / 60_000);
  const xMax = Math.max(1e-9, ...xs);
  const yMax = Math.max(1, ...samples.flatMap((s) => SERIES.map((k) => s[k.field] / MIB))) * 1.1;
  const X = (x) => m.l + (x / xMax) * (W - m.l - m.r);
  const Y = (y) => H - m.b - (y / yMax) * (H - m.t - m.b);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`,
  ];
  const yStep = niceStep(yMax, 6);
  for (let y = 0; y <= yMax; y += yStep) {
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${Y(y).toFixed(1)}" y2="${Y(y).toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${m.l - 6}" y="${(Y(y) + 4).toFixed(1)}" text-anchor="end">${y}</text>`);
  }
  const xStep = niceStep(xMax, 8);
  for (let x = 0; x <= xMax + 1e-9; x += xStep) {
    parts.push(`<text x="${X(x).toFixed(1)}" y="${H - m.b + 16}" text-anchor="middle">${+x.toFixed(2)}</text>`);
  }
  parts.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="#333"/>`);
  parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#333"/>`);
  parts.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">minutes</text>`);
  parts.push(`<text x="16" y="${H / 2}" text-anchor="middle" transform="rotate(-90 16 ${H / 2})">MiB</text>`);
  SERIES.forEach((k, i) => {
    const d = samples.map((s, j) => `${j === 0 ? 'M' : 'L'}${X(xs[j]).toFixed(1)},${Y(s[k.field] / MIB).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${k.color}" stroke-width="1.5"/>`);
    parts.push(`<rect x="${m.l + 10 + i * 110}" y="${m.t - 4}" width="12" height="3" fill="${k.color}"/>`);
    parts.push(`<text x="${m.l + 26 + i * 110}" y="${m.t}">${k.label}</text>`);
  });
  if (result && Number.isFinite(result.rssMiBPerMin)) {
    // The trend the verdict is based on, drawn through the second half's mean.
    const half = samples.filter((s) => (s.t - t0) / 1000 >= result.secondHalfFrom);
    const mx = half.reduce((s, p) => s + (p.t - t0) / 60_000, 0) / half.length;
    const my = half.reduce((s, p) => s + p.rss / MIB, 0) / half.length;
    const xa = result.secondHalfFrom / 60;
    const line = (x) => my + result.rssMiBPerMin * (x - mx);
    parts.push(`<line x1="${X(xa).toFixed(1)}" y1="${Y(line(xa)).toFixed(1)}" x2="${X(xMax).toFixed(1)}" y2="${Y(line(xMax)).toFixed(1)}" stroke="#000" stroke-dasharray="5,4"/>`);
    parts.push(`<text x="${W - m.r}" y="${m.t}" text-anchor="end">RSS trend, 2nd half: ${result.rssMiBPerMin.toFixed(2)} MiB/min (${result.verdict})</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
