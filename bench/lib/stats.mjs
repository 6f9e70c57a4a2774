// Small statistics helpers over float samples (milliseconds).

/** A growable Float64Array: load runs record one latency per response (hundreds of thousands). */
export class Samples {
  constructor(initial = 65536) {
    this.buf = new Float64Array(initial);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = value;
  }

  /** Sorted copy, for percentiles. */
  sorted() {
    return this.buf.slice(0, this.length).sort();
  }
}

/** Nearest-rank percentile over an ascending array; p in [0, 100]. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function mean(values, length = values.length) {
  if (length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[i];
  return sum / length;
}

/** p50 / p99 / mean / min / max / count of a Samples or a plain array. */
export function summarize(samples) {
  const sorted = samples instanceof Samples ? samples.sorted() : Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: mean(sorted),
    min: sorted.length ? sorted[0] : NaN,
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/**
 * Median and spread of one figure across rounds: { median, min, max, n, values }. Values that are
 * not finite numbers (a round that could not measure it) are left out; with none left, median is
 * NaN. With an even count the median is the mean of the two middle values.
 */
export function spread(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  const sorted = [...v].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: n ? sorted[0] : NaN, max: n ? sorted[n - 1] : NaN, n, values: v };
}
