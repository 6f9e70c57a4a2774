/**
 * One request's walk through a plan, as a lazily built Observable: each strategy node becomes a
 * small pipeline over its children's Observables, each leaf an attempt wrapped in the retry loop.
 * Every step is an inner subscription of the one before, so unsubscribing the result aborts the
 * call in flight or cancels the pending retry/backoff timer, wherever the request is.
 */
import { mergeMap, map, Observable, of, take, throwError, type Subscription } from 'rxjs';
import { attempt, type Attempt, type AttemptDeps } from './attempt.js';
import type { CircuitBreakerRegistry } from './circuit-breaker.js';
import type { LatencyTracker } from './latency-tracker.js';
import { backoffDelay, isRetryable, retryAfterMs, type Backoff } from './retry-policy.js';
import type { ConditionalPlan, FallbackPlan, LoadbalancePlan, PlanNode, ResolvedHedge } from './route-plan.js';
import { NO_ROUTE_MESSAGE, RouterError } from './router-error.js';
import type { AttemptOutcome, HedgeRace, LeafExecutor, LeafTarget, ResolvedRetry, RouteContext, RouteResult } from './router.types.js';
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
  /** Recent latencies per target, for hedges timed at `p95`. */
  latencies?: LatencyTracker;
}

/** `after_ms: "p95"` on a target with too little history yet waits this long. */
export const P95_FALLBACK_MS = 1_000;

export class RouteRun<R extends AttemptOutcome> {
  /** Upstream calls made so far by this request. */
  private calls = 0;
  /** Hedged requests sent so far by this request. */
  private hedges = 0;
  private readonly deps: AttemptDeps<R>;

  constructor(
    private readonly settings: RunSettings,
    private readonly ctx: RouteContext,
    private readonly executor: LeafExecutor<R>,
  ) {
    this.deps = { executor, sleep: settings.sleep, onStart: () => this.calls++, breakers: settings.breakers };
  }

  /** `race`: set inside a hedge's racer (every leaf below it is part of the race). */
  node(plan: PlanNode, race?: HedgeRace): Observable<RouteResult<R>> {
    switch (plan.kind) {
      case 'leaf':
        return this.leaf(plan.leaf, race);
      case 'fallback':
        if (plan.hedge && this.ctx.hedgeable !== false) return this.hedged(this.available(plan.children), plan.hedge, plan, true, race);
        return this.fallback(plan, this.available(plan.children), 0, race);
      case 'loadbalance':
        return this.loadbalance(plan, race);
      case 'conditional':
        return this.conditional(plan, race);
    }
  }

  // ── strategies ────────────────────────────────────────────────────────────

  /** In order; the next child when the outcome asks for it; the last child's outcome stands. */
  private fallback(plan: FallbackPlan, children: readonly PlanNode[], i: number, race: HedgeRace | undefined): Observable<RouteResult<R>> {
    const child = this.node(children[i], race);
    if (i === children.length - 1) return child;
    return child.pipe(
      mergeMap((result) => {
        if (!shouldFallBack(plan, result.outcome)) return of(result);
        this.executor.discard(result.outcome);
        return this.fallback(plan, children, i + 1, race);
      }),
    );
  }

  private loadbalance(plan: LoadbalancePlan, race: HedgeRace | undefined): Observable<RouteResult<R>> {
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
    if (plan.hedge && this.ctx.hedgeable !== false) {
      // Hedges go to the other targets that can take traffic, heaviest first.
      const others = plan.children
        .map((child, i) => ({ child, i, w: weights[i] }))
        .filter((c) => c.i !== chosen && c.w > 0)
        .sort((a, b) => b.w - a.w || a.i - b.i)
        .map((c) => c.child);
      return this.hedged([plan.children[chosen], ...others], plan.hedge, undefined, false, race);
    }
    return this.node(plan.children[chosen], race);
  }

  // ── hedging ───────────────────────────────────────────────────────────────

  /**
   * Hedged requests over `order`: the first child starts; if no answer has come after the hedge
   * delay, the next child starts too (up to `maxExtra` extra requests, one per delay). The first
   * good answer wins and every other call is unsubscribed, which aborts it. A bad answer (one a
   * fallback would move on from) waits for the calls still running; with nothing running, a
   * fallback starts its next child as usual (a loadbalance answers with it). When nothing good
   * comes, the last bad answer stands, as in a fallback.
   *
   * The delay counts from the moment a call leaves for its upstream (the executor reports it), so
   * an attempt answered from the cache never starts the clock; an answer counts when the executor
   * emits it (for streams, on the first body chunk).
   */
  private hedged(
    order: readonly PlanNode[],
    hedge: ResolvedHedge,
    plan: FallbackPlan | undefined,
    fallBack: boolean,
    outer: HedgeRace | undefined,
  ): Observable<RouteResult<R>> {
    const moveOn = (outcome: R) => (plan ? shouldFallBack(plan, outcome) : outcome.gatewayException !== true && (outcome.status < 200 || outcome.status > 299));
    const delayMs = this.hedgeDelay(hedge, order[0]);
    return new Observable<RouteResult<R>>((subscriber) => {
      const running = new Map<number, Subscription>();
      let started = 0;
      let extras = 0;
      let finished = false;
      let lastBad: RouteResult<R> | undefined;
      let hedgeTimer: Subscription | undefined;

      const close = () => {
        finished = true;
        hedgeTimer?.unsubscribe();
        for (const call of running.values()) call.unsubscribe(); // aborts the losers in flight
        running.clear();
      };
      const answer = (result: RouteResult<R>) => {
        if (lastBad && lastBad !== result) this.executor.discard(lastBad.outcome);
        close();
        subscriber.next({ ...result, attempts: this.calls, hedges: this.hedges });
        subscriber.complete();
      };
      const onResult = (result: RouteResult<R>) => {
        if (!moveOn(result.outcome)) return answer(result);
        if (lastBad) this.executor.discard(lastBad.outcome);
        lastBad = result;
        if (running.size > 0) return; // a call is still running: its answer may be good
        if (fallBack && started < order.length) {
          hedgeTimer?.unsubscribe(); // the next child's own call starts a fresh delay
          return launch();
        }
        answer(result);
      };
      /** Starts the hedge delay unless one is pending or no hedge is left to send. */
      const arm = () => {
        if ((hedgeTimer && !hedgeTimer.closed) || finished || extras >= hedge.maxExtra || started >= order.length) return;
        hedgeTimer = this.settings
          .sleep(delayMs)
          .pipe(take(1))
          .subscribe(() => {
            hedgeTimer = undefined; // the next racer's send arms the next delay
            if (finished || started >= order.length) return;
            extras++;
            this.hedges++;
            launch();
          });
      };
      // A hedge nested in another hedge's racer is also part of the outer race.
      const race: HedgeRace = { onSent: outer ? () => (arm(), outer.onSent()) : arm };
      const launch = () => {
        const index = started++;
        let done = false;
        const call = this.node(order[index], race).subscribe({
          next: (result) => {
            done = true;
            running.delete(index);
            if (finished) return void this.executor.discard(result.outcome);
            onResult(result);
          },
          error: (error: unknown) => {
            done = true;
            running.delete(index);
            if (finished) return;
            close();
            subscriber.error(error);
          },
        });
        if (!done && !finished) running.set(index, call);
        // An executor that does not say when a call goes upstream: the delay counts from the start.
        if (!this.executor.reportsSent && !done && !finished) arm();
      };

      launch();
      return close;
    });
  }

  /** The hedge delay: fixed, or the first target's recent p95 (a subtree: its first leaf's). */
  private hedgeDelay(hedge: ResolvedHedge, first: PlanNode): number {
    if (hedge.afterMs !== 'p95') return hedge.afterMs;
    const key = this.settings.breakerKey(first.leaves[0]);
    return (key !== undefined ? this.settings.latencies?.p95(key) : undefined) ?? P95_FALLBACK_MS;
  }

  private conditional(plan: ConditionalPlan, race: HedgeRace | undefined): Observable<RouteResult<R>> {
    let chosen = -1;
    try {
      const rule = plan.rules.find((r) => r.test(this.ctx));
      chosen = rule ? rule.child : plan.defaultChild;
    } catch (error) {
      return throwError(() => (error instanceof RouterError ? error : new RouterError(NO_ROUTE_MESSAGE)));
    }
    if (chosen < 0) return throwError(() => new RouterError(NO_ROUTE_MESSAGE));
    return this.node(plan.children[chosen], race);
  }

  // ── leaves: attempt, retry ────────────────────────────────────────────────

  private leaf(target: LeafTarget, race: HedgeRace | undefined): Observable<RouteResult<R>> {
    const key = this.settings.breakers || this.settings.latencies ? this.settings.breakerKey(target) : undefined;
    const latencies = this.settings.latencies;
    const deps =
      key === undefined
        ? this.deps
        : {
            ...this.deps,
            breakerKey: this.settings.breakers ? key : undefined,
            observeLatency: latencies ? (ms: number) => latencies.observe(key, ms) : undefined,
            now: this.settings.now,
          };
    // The header wins when it is a usable number, as the reference's `Number(header) || config`.
    const fromHeader = this.ctx.requestTimeout;
    const timeoutMs = fromHeader !== undefined && fromHeader > 0 ? fromHeader : target.requestTimeout;
    const retry = target.retry;
    if (!retry) return attempt(deps, target, 0, timeoutMs, race).pipe(map((a) => this.result(a.outcome, target, 0)));
    return this.retrying(deps, target, retry, timeoutMs, 0, 0, race);
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
    race: HedgeRace | undefined,
  ): Observable<RouteResult<R>> {
    return attempt(deps, target, n, timeoutMs, race).pipe(
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
          mergeMap(() => this.retrying(deps, target, retry, timeoutMs, n + 1, nextWaited, race)),
        );
      }),
    );
  }

  private result(outcome: R, target: LeafTarget, retryAttemptCount: number): RouteResult<R> {
    return { outcome, target, retryAttemptCount, attempts: this.calls, hedges: this.hedges };
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
