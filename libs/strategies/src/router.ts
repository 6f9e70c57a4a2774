/**
 * The routing engine's entry point. `createRouter` fixes the process-wide pieces (randomness,
 * timers, backoff, circuit breakers); `route` turns a config and a request into a cold
 * Observable of the one result the gateway sends back.
 */
import type { RoutingConfig } from '@aigw/config-schema';
import { asyncScheduler, defer, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { CircuitBreakerRegistry } from './circuit-breaker.js';
import { LatencyTracker } from './latency-tracker.js';
import { DEFAULT_BACKOFF, DEFAULT_MAX_RETRY_AFTER_MS } from './retry-policy.js';
import { planFor, RoutePlan } from './route-plan.js';
import { RouteRun, type RunSettings } from './route-run.js';
import type { AttemptOutcome, LeafExecutor, LeafTarget, RouteContext, RouteResult } from './router.types.js';

export interface RouterOptions {
  /** Uniform [0, 1) source for loadbalancing and backoff jitter (default Math.random). */
  random?: () => number;
  /** Emits once after `ms` (retry backoff and request timeouts). Default: `timer(ms, scheduler)`. */
  sleep?: (ms: number) => Observable<unknown>;
  /** Scheduler for the default `sleep` (e.g. a TestScheduler). Default: asyncScheduler. */
  scheduler?: SchedulerLike;
  /** Full-jitter backoff: delay before retry n is random() · min(capMs, baseMs · 2^n). */
  backoff?: { baseMs?: number; capMs?: number };
  /** Longest single or cumulative Retry-After wait honoured (default 60 s). */
  maxRetryAfterMs?: number;
  /** Clock for Retry-After HTTP dates (default Date.now). */
  now?: () => number;
  /** The process's circuit breakers; without it, no breaker logic runs at all. */
  breakers?: CircuitBreakerRegistry;
  /** Which breaker a leaf reports to; undefined means none. Default: `defaultBreakerKey`. */
  breakerKey?: (target: LeafTarget) => string | undefined;
  /** Recent latencies per target (the same keys as breakers), for hedges timed at `p95`. Default: one per router. */
  latencies?: LatencyTracker;
}

export interface Router {
  /**
   * The result of routing one request. Cold: each subscription routes anew. Errors with a
   * `RouterError` when the config cannot route this request (conditional with no match), or with
   * whatever the executor errored with.
   */
  route<R extends AttemptOutcome>(
    config: RoutingConfig | RoutePlan,
    ctx: RouteContext,
    executor: LeafExecutor<R>,
  ): Observable<RouteResult<R>>;
}

/**
 * Provider + host + the settings that make a deployment distinct (Azure resource/deployment,
 * cloud region, virtual key). A root leaf with no provider (it comes from a header) has no
 * breaker unless the caller's `breakerKey` names one.
 */
export function defaultBreakerKey(target: LeafTarget): string | undefined {
  const { node } = target;
  if (node.provider === undefined && node.virtualKey === undefined) return undefined;
  return [
    node.provider ?? '',
    target.customHost ?? '',
    node.virtualKey ?? '',
    node.resourceName ?? '',
    node.deploymentId ?? '',
    node.awsRegion ?? '',
    node.vertexRegion ?? '',
  ].join('|');
}

export function createRouter(options: RouterOptions = {}): Router {
  const scheduler = options.scheduler ?? asyncScheduler;
  const keyOf = options.breakerKey ?? defaultBreakerKey;
  // Leaves are shared by all requests of a config, so their key is computed once.
  const keys = new WeakMap<LeafTarget, string | undefined>();
  const settings: RunSettings = {
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms) => timer(ms, scheduler)),
    now: options.now ?? Date.now,
    backoff: { ...DEFAULT_BACKOFF, ...stripUndefined(options.backoff) },
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    breakers: options.breakers,
    latencies: options.latencies ?? new LatencyTracker(),
    breakerKey: (leaf) => {
      if (keys.has(leaf)) return keys.get(leaf);
      const key = keyOf(leaf);
      keys.set(leaf, key);
      return key;
    },
  };

  return {
    route(config, ctx, executor) {
      // defer: the plan lookup and every choice happen per subscription, and a config that cannot
      // compile becomes an error notification rather than a throw.
      return defer(() => {
        const plan = config instanceof RoutePlan ? config : planFor(config);
        return new RouteRun(settings, ctx, executor).node(plan.root);
      });
    },
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
