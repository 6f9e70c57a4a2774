/**
 * Per-target circuit breakers, shared by every request of the process (the gateway creates one
 * registry at start-up), so a dead provider is skipped instead of costing each request a timeout.
 *
 * A breaker opens after `failureThreshold` failures within `windowMs` with no success in between
 * (a success resets the count: a provider that mostly works is not cut off by scattered errors).
 * After `cooldownMs` it is half-open: ONE request is let through as a probe; its success closes
 * the breaker, its failure re-opens it for another cool-down. A probe that never reports (its
 * request hung without a timeout) stops blocking new probes after a cool-down of its own.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerSnapshot {
  key: string;
  state: BreakerState;
  /** Failures counted in the current window (closed), or when it opened. */
  failures: number;
  /** Epoch ms of the last opening, while not closed. */
  openedAt?: number;
}

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  windowMs?: number;
  cooldownMs?: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

interface Breaker {
  /** Times of recent failures, oldest first (at most `failureThreshold`). */
  failures: number[];
  openedAt?: number;
  probeStartedAt?: number;
}

export class CircuitBreakerRegistry {
  readonly failureThreshold: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private readonly breakers = new Map<string, Breaker>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.windowMs = options.windowMs ?? 30_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  state(key: string): BreakerState {
    const b = this.breakers.get(key);
    if (b?.openedAt === undefined) return 'closed';
    return this.now() - b.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether routing should send a request here: closed, or half-open with no probe under way. */
  isAvailable(key: string): boolean {
    const b = this.breakers.get(key);
    if (b?.openedAt === undefined) return true;
    return this.probeAllowed(b, this.now());
  }

  /**
   * An upstream call to `key` starts. Returns true when it is the half-open probe; the caller
   * passes that back to `onAttemptEnd`/`onAttemptAbort`.
   */
  onAttemptStart(key: string): boolean {
    const b = this.breakers.get(key);
    if (b?.openedAt === undefined) return false;
    const now = this.now();
    if (!this.probeAllowed(b, now)) return false;
    b.probeStartedAt = now;
    return true;
  }

  /** The call finished. `failed`: a connection error, timeout or 5xx (a 429 is not a failure). */
  onAttemptEnd(key: string, failed: boolean, probe: boolean): void {
    const b = this.breakers.get(key);
    if (!failed) {
      // Proof of life, whoever brought it: close and forget past failures.
      if (b) this.breakers.delete(key);
      return;
    }
    const now = this.now();
    if (b?.openedAt !== undefined) {
      // Only the probe's failure re-opens; calls that were already in flight, or forced through
      // for lack of an alternative, must not keep pushing the cool-down back.
      if (probe) {
        b.openedAt = now;
        b.probeStartedAt = undefined;
      }
      return;
    }
    const breaker = b ?? { failures: [] };
    if (!b) this.breakers.set(key, breaker);
    const failures = breaker.failures;
    failures.push(now);
    while (failures.length > 0 && now - failures[0] > this.windowMs) failures.shift();
    if (failures.length > this.failureThreshold) failures.shift();
    if (failures.length >= this.failureThreshold) breaker.openedAt = now;
  }

  /** The call was cancelled before it reported: free the probe slot. */
  onAttemptAbort(key: string, probe: boolean): void {
    if (!probe) return;
    const b = this.breakers.get(key);
    if (b) b.probeStartedAt = undefined;
  }

  /** Every breaker that is open or has recent failures (absent keys are closed and clean). */
  snapshot(): BreakerSnapshot[] {
    const now = this.now();
    const out: BreakerSnapshot[] = [];
    for (const [key, b] of this.breakers) {
      if (b.openedAt === undefined) {
        const failures = b.failures.filter((t) => now - t <= this.windowMs).length;
        // Old failures no longer count: drop the entry so the map only holds live breakers.
        if (failures === 0) this.breakers.delete(key);
        else out.push({ key, state: 'closed', failures });
      } else {
        out.push({ key, state: this.state(key), failures: b.failures.length, openedAt: b.openedAt });
      }
    }
    return out;
  }

  /** Forget one breaker, or all (an admin "reset" action). */
  reset(key?: string): void {
    if (key === undefined) this.breakers.clear();
    else this.breakers.delete(key);
  }

  private probeAllowed(b: Breaker, now: number): boolean {
    if (now - b.openedAt! < this.cooldownMs) return false;
    return b.probeStartedAt === undefined || now - b.probeStartedAt >= this.cooldownMs;
  }
}
