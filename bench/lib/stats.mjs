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
