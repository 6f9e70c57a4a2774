/**
 * Recent upstream latencies per target, in this process, for hedges timed at `p95`: a ring of the
 * last samples per key, so a target that slows down moves its percentile within a few dozen calls.
 */
const SAMPLES = 128;
/** Fewer samples than this say nothing reliable about a tail. */
const MIN_SAMPLES = 20;

export class LatencyTracker {
  private readonly rings = new Map<string, { values: Float64Array; next: number; count: number }>();

  observe(key: string, ms: number): void {
    let ring = this.rings.get(key);
    if (!ring) {
      ring = { values: new Float64Array(SAMPLES), next: 0, count: 0 };
      this.rings.set(key, ring);
    }
    ring.values[ring.next] = ms;
    ring.next = (ring.next + 1) % SAMPLES;
    ring.count = Math.min(ring.count + 1, SAMPLES);
  }

  /** The 95th percentile of the recent samples, or undefined while there are too few. */
  p95(key: string): number | undefined {
    const ring = this.rings.get(key);
    if (!ring || ring.count < MIN_SAMPLES) return undefined;
    const sorted = Array.from(ring.values.subarray(0, ring.count)).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
  }
}
