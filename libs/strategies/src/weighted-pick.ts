/**
 * Weighted choice for loadbalancing. `u` in [0, 1) is either a random draw or, for sticky
 * routing, a hash of the sticky value, so one user keeps landing on the same target while the
 * target set is unchanged, and users spread across targets in proportion to the weights.
 */

/** Index chosen by `u` among `weights` (0 never chosen), or -1 when no weight is positive. */
export function pickWeighted(weights: readonly number[], total: number, u: number): number {
  let x = u * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w > 0)) continue;
    if (x < w) return i;
    x -= w;
    last = i;
  }
  // Floating-point rounding can leave x a hair above the last weight: that is the last target.
  return last;
}

export function sumWeights(weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) if (w > 0) total += w;
  return total;
}

/**
 * A string mapped to [0, 1): FNV-1a over the UTF-16 code units, then murmur3's finalizer so that
 * similar ids ("user-1", "user-2") land far apart.
 */
export function hashToUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}
