/**
 * The soak's verdict and plot (bench/soak/report.mjs): a flat series is flat, a climbing one is
 * caught, and the warm-up in the first half does not count.
 */
// @ts-expect-error: plain ESM from the benchmark folder, without type declarations
import { slope, toCsv, toSvg, verdict } from '../../../../bench/soak/report.mjs';

const MIB = 1024 * 1024;
const series = (minutes: number, rssAt: (min: number) => number) =>
  Array.from({ length: minutes * 12 + 1 }, (_, i) => {
    const min = i / 12;
    return { t: 1_000_000 + min * 60_000, rss: rssAt(min) * MIB, heapUsed: 50 * MIB, heapTotal: 80 * MIB, external: MIB, arrayBuffers: MIB, ok: i, failed: 0 };
  });

describe('soak report', () => {
  it('computes a least-squares slope', () => {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
  });

  it('calls a series that warms up and then holds flat', () => {
    const result = verdict(series(10, (m) => (m < 1 ? 40 + 200 * m : 240 + Math.sin(m * 7) * 3)));
    expect(result.verdict).toBe('flat');
    expect(Math.abs(result.rssMiBPerMin)).toBeLessThan(0.5);
  });

  it('calls a slow leak in the second half climbing', () => {
    const result = verdict(series(10, (m) => 240 + 1 * m));
    expect(result.verdict).toBe('climbing');
    expect(result.rssMiBPerMin).toBeCloseTo(1, 5);
  });

  it('writes one CSV row per sample and an SVG with the three series and the trend', () => {
    const samples = series(2, () => 200);
    expect(toCsv(samples).trim().split('\n')).toHaveLength(samples.length + 1);
    const svg: string = toSvg(samples, { result: verdict(samples) });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray');
  });
});
