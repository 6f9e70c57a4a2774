// The memory curve of `npm run bench`: our gateway's RSS (from /proc, every second) and V8 heap
// (from bench/soak/memory-probe.mjs inside the process) over each round, one panel per round on
// the same scales, the phases of the round shaded, the targets' limits as dashed lines. Pure.
import { LIMITS, MB } from './report.mjs';
import { panel, svgDocument } from './svg.mjs';

const COLORS = { rss: '#d62728', heapTotal: '#1f77b4', heapUsed: '#2ca02c' };

/**
 * `rounds`: [{ index, samples: [{ s, rss }], heap: [{ s, heapUsed, heapTotal }], phases: [{ from, to, label }], peakRss }]
 * with `s` in seconds since the gateway was spawned and memory in bytes; `peakRss` (VmHWM at the
 * end of the round) is drawn as a line, since one-second samples can miss a short peak.
 */
export function memoryCurveSvg(rounds, { title = 'Our gateway: memory over each round (MB = 10⁶ bytes)' } = {}) {
  const W = 820;
  const panelH = 230;
  const head = 34;
  const shown = rounds.filter((r) => r.samples?.length);
  const xMax = Math.max(1, ...shown.flatMap((r) => [...r.samples.map((p) => p.s), ...(r.phases ?? []).map((p) => p.to)]));
  const yTop = Math.max(
    LIMITS.peakRssMB,
    ...shown.flatMap((r) => [...r.samples.map((p) => p.rss / MB), ...(r.heap ?? []).map((p) => p.heapTotal / MB), Number.isFinite(r.peakRss) ? r.peakRss / MB : 0]),
  );
  const yMax = Math.ceil((yTop * 1.08) / 25) * 25;
  const elements = [];
  shown.forEach((r, i) => {
    const peak = Math.max(...r.samples.map((p) => p.rss));
    elements.push(
      ...panel({
        left: 0,
        top: head + i * panelH,
        width: W,
        height: panelH,
        xMax,
        yMax,
        title: `Round ${r.index}${r.note ? ` (${r.note})` : ''}`,
        note: `highest sampled RSS ${(peak / MB).toFixed(1)} MB${Number.isFinite(r.peakRss) ? `; VmHWM ${(r.peakRss / MB).toFixed(1)} MB (dotted)` : ''}`,
        xLabel: i === shown.length - 1 ? 'seconds since the gateway was started' : '',
        yLabel: 'MB',
        bands: r.phases ?? [],
        hlines: [
          ...(Number.isFinite(r.peakRss) ? [{ y: r.peakRss / MB, color: '#555', dash: '1,2' }] : []),
          { y: LIMITS.peakRssMB, label: `peak target ${LIMITS.peakRssMB} MB`, color: '#d62728' },
          { y: LIMITS.startRssMB, label: `after-start target ${LIMITS.startRssMB} MB`, color: '#9467bd', dash: '2,3' },
        ],
        series: [
          { label: 'RSS', color: COLORS.rss, points: r.samples.map((p) => [p.s, p.rss / MB]), width: 1.8 },
          ...(r.heap?.length
            ? [
                { label: 'heap total', color: COLORS.heapTotal, points: r.heap.map((p) => [p.s, p.heapTotal / MB]) },
                { label: 'heap used', color: COLORS.heapUsed, points: r.heap.map((p) => [p.s, p.heapUsed / MB]) },
              ]
            : []),
        ],
      }),
    );
  });
  if (!shown.length) elements.push(`<text x="${W / 2}" y="${head + 40}" text-anchor="middle">no samples</text>`);
  return svgDocument(W, head + Math.max(1, shown.length) * panelH + 4, elements, { heading: title });
}
