/**
 * One request's walk through a plan, as a lazily built Observable: each strategy node becomes a
 * small pipeline over its children's Observables, each leaf an attempt wrapped in the retry loop.
 * Every step is an inner subscription of the one before, so unsubscribing the result aborts the
 * call in flight or cancels the pending retry/backoff timer, wherever the request is.
 */
import { mergeMap, map, of, take, throwError, type Observable } from 'rxjs';
import { attempt, type Attempt, type AttemptDeps } from './attempt.js';
import type { CircuitBreakerRegistry } from './circuit-breaker.js';
import { backoffDelay, isRetryable, retryAfterMs, type Backoff } from './retry-policy.js';
import type { ConditionalPlan, FallbackPlan, LoadbalancePlan, PlanNode } from './route-plan.js';
import { NO_ROUTE_MESSAGE, RouterError } from './router-error.js';
import type { AttemptOutcome, LeafExecutor, LeafTarget, ResolvedRetry, RouteContext, RouteResult } from './router.types.js';
import { hashToUnit, pickWeighted, sumWeights } from './weighted-pick.js';

/** Router-wide settings and services (one set per router). */
export interface RunSettings {
  random: () => number;
  sleep: (ms: number) => Observable<unknown>;
  now: () => number;
  backoff: Backoff;
  maxRetryAfterMs: number;
  breakers?: CircuitBreakerRegistry;
  breakerKey: (target: LeafTarget) => string | undefined;
}

export class RouteRun<R extends AttemptOutcome> {
  /** Upstream calls made so far by this request. */
  private calls = 0;
  private readonly deps: AttemptDeps<R>;

  constructor(
    private readonly settings: RunSettings,
    private readonly ctx: RouteContext,
    private readonly executor: LeafExecutor<R>,
  ) {
    this.deps = { executor, sleep: settings.sleep, onStart: () => this.calls++, breakers: settings.breakers };
  }

  node(plan: PlanNode): Observable<RouteResult<R>> {
    switch (plan.kind) {
      case 'leaf':
        return this.leaf(plan.leaf);
      case 'fallback':
        return this.fallback(plan, this.available(plan.children), 0);
      case 'loadbalance':
        return this.loadbalance(plan);
      case 'conditional':
        return this.conditional(plan);
    }
  }

  // ── strategies ────────────────────────────────────────────────────────────

  /** In order; the next child when the outcome asks for it; the last child's outcome stands. */
  private fallback(plan: FallbackPlan, children: readonly PlanNode[], i: number): Observable<RouteResult<R>> {
    const child = this.node(children[i]);
    if (i === children.length - 1) return child;
    return child.pipe(
      mergeMap((result) => {
        if (!shouldFallBack(plan, result.outcome)) return of(result);
        this.executor.discard(result.outcome);
        return this.fallback(plan, children, i + 1);
      }),
    );
  }

  private loadbalance(plan: LoadbalancePlan): Observable<RouteResult<R>> {
    let { weights, totalWeight } = plan;
    const breakers = this.settings.breakers;
    if (breakers) {
      // Skip open targets by zeroing their weight, unless that leaves nothing to pick.
      const healthy = weights.map((w, i) => (this.isAvailable(plan.children[i]) ? w : 0));
      const healthyTotal = sumWeights(healthy);
      if (healthyTotal > 0) {
        weights = healthy;
        totalWeight = healthyTotal;
      }
    }
    const stickyValue = plan.sticky?.(this.ctx);
    const u =
      typeof stickyValue === 'string' || typeof stickyValue === 'number'
        ? hashToUnit(String(stickyValue))
        : this.settings.random();
    const chosen = pickWeighted(weights, totalWeight, u);
    // Unreachable for a validated config (it needs a positive weight); a hand-built one gets an error.
    if (chosen < 0) return throwError(() => new Error('loadbalance: no target has a weight above 0'));
    return this.node(plan.children[chosen]);
  }

  private conditional(plan: ConditionalPlan): Observable<RouteResult<R>> {
    let chosen = -1;
    try {
      const rule = plan.rules.find((r) => r.test(this.ctx));
      chosen = rule ? rule.child : plan.defaultChild;
    } catch (error) {
      return throwError(() => (error instanceof RouterError ? error : new RouterError(NO_ROUTE_MESSAGE)));
    }
    if (chosen < 0) return throwError(() => new RouterError(NO_ROUTE_MESSAGE));
    return this.node(plan.children[chosen]);
  }

  // ── leaves: attempt, retry ────────────────────────────────────────────────

  private leaf(target: LeafTarget): Observable<RouteResult<R>> {
    const deps = this.settings.breakers ? { ...this.deps, breakerKey: this.settings.breakerKey(target) } : this.deps;
    // The header wins when it is a usable number, as the reference's `Number(header) || config`.
    const fromHeader = this.ctx.requestTimeout;
    const timeoutMs = fromHeader !== undefined && fromHeader > 0 ? fromHeader : target.requestTimeout;
    const retry = target.retry;
    if (!retry) return attempt(deps, target, 0, timeoutMs).pipe(map((a) => this.result(a.outcome, target, 0)));
    return this.retrying(deps, target, retry, timeoutMs, 0, 0);
  }

  /**
   * Attempt `n` (0 = first call) and, when its outcome is retryable and retries remain, wait and
   * recurse. `waited` sums the Retry-After waits so far, for the cumulative cap.
   */
  private retrying(
    deps: AttemptDeps<R>,
    target: LeafTarget,
    retry: ResolvedRetry,
    timeoutMs: number | undefined,
    n: number,
    waited: number,
  ): Observable<RouteResult<R>> {
    return attempt(deps, target, n, timeoutMs).pipe(
      mergeMap((a: Attempt<R>) => {
        if (!isRetryable(a.outcome, a.timedOut, retry)) return of(this.result(a.outcome, target, n));
        // Out of retries on a retryable outcome: the reference reports -1.
        if (n >= retry.attempts) return of(this.result(a.outcome, target, -1));
        let delay: number | undefined;
        let nextWaited = waited;
        if (retry.useRetryAfterHeader) {
          const asked = retryAfterMs(a.outcome.headers, this.settings.now());
          if (asked !== undefined) {
            const cap = this.settings.maxRetryAfterMs;
            // Asked to wait too long: give up now rather than hold the client (the reference's rule).
            if (asked >= cap || waited + asked > cap) return of(this.result(a.outcome, target, -1));
            delay = asked;
            nextWaited = waited + asked;
          }
        }
        delay ??= backoffDelay(n, this.settings.backoff, this.settings.random);
        this.executor.discard(a.outcome);
        return this.settings.sleep(delay).pipe(
          take(1),
          mergeMap(() => this.retrying(deps, target, retry, timeoutMs, n + 1, nextWaited)),
        );
      }),
    );
  }

  private result(outcome: R, target: LeafTarget, retryAttemptCount: number): RouteResult<R> {
    return { outcome, target, retryAttemptCount, attempts: this.calls };
  }

  // ── circuit breakers ──────────────────────────────────────────────────────

  /** Children not cut off by an open breaker; all of them when none is available. */
  private available(children: readonly PlanNode[]): readonly PlanNode[] {
    if (!this.settings.breakers) return children;
    const healthy = children.filter((c) => this.isAvailable(c));
    return healthy.length > 0 ? healthy : children;
  }

  /** A subtree is available while any leaf in it can take a request. */
  private isAvailable(plan: PlanNode): boolean {
    const breakers = this.settings.breakers!;
    return plan.leaves.some((leaf) => {
      const key = this.settings.breakerKey(leaf);
      return key === undefined || breakers.isAvailable(key);
    });
  }
}

/** Fallback moves on for listed statuses, or any non-2xx; never after a gateway exception. */
function shouldFallBack(plan: FallbackPlan, outcome: AttemptOutcome): boolean {
  if (outcome.gatewayException) return false;
  if (plan.onStatusCodes) return plan.onStatusCodes.includes(outcome.status);
  return outcome.status < 200 || outcome.status > 299;
}
