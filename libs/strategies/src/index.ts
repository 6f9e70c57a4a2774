export type {
  AttemptOutcome,
  HedgeRace,
  LeafExecutor,
  LeafTarget,
  ResolvedRetry,
  RouteContext,
  RouteResult,
} from './router.types.js';
export { createRouter, defaultBreakerKey, type Router, type RouterOptions } from './router.js';
export { RouterError, NO_ROUTE_MESSAGE } from './router-error.js';
export { compileConfig, DIRECT_ROUTE_PLAN, planFor, resolveLeaves, RoutePlan, type PlanNode } from './route-plan.js';
export { DEFAULT_RETRY_STATUS_CODES } from './inheritance.js';
export {
  backoffDelay,
  isRetryable,
  retryAfterMs,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_RETRY_AFTER_MS,
  type Backoff,
} from './retry-policy.js';
export {
  CircuitBreakerRegistry,
  type BreakerSnapshot,
  type BreakerState,
  type CircuitBreakerOptions,
} from './circuit-breaker.js';
export { EmptyOutcomeError } from './attempt.js';
export { LatencyTracker } from './latency-tracker.js';
export { P95_FALLBACK_MS } from './route-run.js';
export { compileQuery, type Predicate } from './conditions.js';
export { hashToUnit, pickWeighted } from './weighted-pick.js';
export { LAST_USED_OPTION_INDEX_HEADER, RETRY_ATTEMPT_COUNT_HEADER, routingHeaders } from './response-headers.js';
