/**
 * One upstream call as an Observable: counts the call, bounds the wait for an outcome with
 * `request_timeout` (unsubscribing the executor aborts the call, then the executor's synthetic
 * 408 stands in), and reports the result to the target's circuit breaker.
 */
import { Observable, type Subscription } from 'rxjs';
import type { CircuitBreakerRegistry } from './circuit-breaker.js';
import type { AttemptOutcome, HedgeRace, LeafExecutor, LeafTarget } from './router.types.js';

export interface Attempt<R extends AttemptOutcome> {
  outcome: R;
  /** The outcome is the executor's timeout stand-in. */
  timedOut: boolean;
}

export interface AttemptDeps<R extends AttemptOutcome> {
  executor: LeafExecutor<R>;
  sleep: (ms: number) => Observable<unknown>;
  /** Called as the call starts (to count upstream calls). */
  onStart: () => void;
  breakers?: CircuitBreakerRegistry;
  breakerKey?: string;
  /** Told how long a real answer took (not a timeout stand-in), for `p95` hedging. */
  observeLatency?: (ms: number) => void;
  now?: () => number;
}

export class EmptyOutcomeError extends Error {
  constructor(path: string) {
    super(`LeafExecutor.execute completed without an outcome for ${path}`);
    this.name = 'EmptyOutcomeError';
  }
}

/** A failure in the breaker's sense: the provider is unreachable or broken (429 is not). */
export function isBreakerFailure(attempt: Attempt<AttemptOutcome>): boolean {
  return attempt.timedOut || attempt.outcome.transportError === true || attempt.outcome.status >= 500;
}

export function attempt<R extends AttemptOutcome>(
  deps: AttemptDeps<R>,
  target: LeafTarget,
  index: number,
  timeoutMs: number | undefined,
  race?: HedgeRace,
): Observable<Attempt<R>> {
  return new Observable<Attempt<R>>((subscriber) => {
    deps.onStart();
    const { breakers, breakerKey } = deps;
    const tracked = breakers !== undefined && breakerKey !== undefined;
    const probe = tracked ? breakers.onAttemptStart(breakerKey) : false;
    let settled = false;
    let timer: Subscription | undefined;
    const startedAt = deps.observeLatency ? deps.now!() : 0;

    const settle = (): void => {
      settled = true;
      timer?.unsubscribe();
    };
    const finish = (result: Attempt<R>): void => {
      settle();
      if (deps.observeLatency && !result.timedOut && !result.outcome.gatewayException) deps.observeLatency(deps.now!() - startedAt);
      if (tracked) {
        // A gateway exception says nothing about the provider: just free the probe slot.
        if (result.outcome.gatewayException) breakers.onAttemptAbort(breakerKey, probe);
        else breakers.onAttemptEnd(breakerKey, isBreakerFailure(result), probe);
      }
      subscriber.next(result);
      subscriber.complete();
    };
    const fail = (error: unknown): void => {
      settle();
      if (tracked) breakers.onAttemptAbort(breakerKey, probe);
      subscriber.error(error);
    };

    const upstream = deps.executor.execute(target, index, race).subscribe({
      next: (outcome) => {
        if (!settled) finish({ outcome, timedOut: false });
      },
      error: (error: unknown) => {
        if (!settled) fail(error);
      },
      complete: () => {
        if (!settled) fail(new EmptyOutcomeError(target.path));
      },
    });
    if (timeoutMs !== undefined && !settled) {
      timer = deps.sleep(timeoutMs).subscribe(() => {
        if (settled) return;
        upstream.unsubscribe(); // aborts the call in flight, before the stand-in is used
        finish({ outcome: deps.executor.timeoutOutcome(target, timeoutMs), timedOut: true });
      });
    }

    return () => {
      // Cancelled before an outcome: the breaker learns nothing, but the probe slot is freed.
      if (!settled && tracked) breakers.onAttemptAbort(breakerKey, probe);
      settle();
      upstream.unsubscribe();
    };
  });
}
