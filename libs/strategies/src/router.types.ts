/**
 * The contract between the routing engine and its caller (the gateway). The engine decides which
 * upstream target to call, when to retry, time out or fall back; the caller's `LeafExecutor`
 * makes the actual call. Everything here is framework-free.
 */
import type { CacheSettings, ConfigNode } from '@aigw/config-schema';
import type { Observable } from 'rxjs';

/** What conditional routing and sticky loadbalancing can read about a request. */
export interface RouteContext {
  /** Parsed `x-portkey-metadata`. */
  metadata: Record<string, unknown>;
  /** The request body. */
  params: Record<string, unknown>;
  url: { pathname: string };
  /** `x-portkey-request-timeout`: wins over every leaf's `request_timeout`, as in the reference. */
  requestTimeout?: number;
  /**
   * False for requests that must not be sent twice at once (non-idempotent passthrough calls:
   * files, batches, fine-tuning; streamed uploads, which can be read only once): never hedged.
   */
  hedgeable?: boolean;
}

/** Retry settings of a leaf with the defaults applied. */
export interface ResolvedRetry {
  /** Retries after the first call (0..5). */
  attempts: number;
  onStatusCodes: number[];
  useRetryAfterHeader: boolean;
}

/**
 * A leaf with everything it inherits resolved, computed once per config and shared by all its
 * requests: treat it as read-only (the object, its override params and retry are frozen).
 */
export interface LeafTarget {
  /** The `x-portkey-last-used-option-index` value: `config`, `config.targets[0].targets[1]`. */
  path: string;
  /** The leaf's own fields (provider, credentials, provider options); credentials are never inherited. */
  node: ConfigNode;
  /** Merged root → leaf, child keys win; to be spread over the request body. */
  overrideParams: Readonly<Record<string, unknown>>;
  retry?: ResolvedRetry;
  requestTimeout?: number;
  /** Use this rather than `node.customHost`: it includes the inherited value. */
  customHost?: string;
  forwardHeaders?: string[];
  strictOpenAiCompliance?: boolean;
  cache?: CacheSettings;
  /**
   * Hooks and guardrails, kept verbatim. Inherited by group: the before-request group
   * (`beforeRequestHooks`, `inputGuardrails`, `inputMutators`) and the after-request group are each
   * the child's when it sets any of them, else the parent's (the reference merges guardrails into
   * hook lists, then inherits the lists).
   */
  beforeRequestHooks?: unknown[];
  afterRequestHooks?: unknown[];
  inputGuardrails?: unknown[];
  outputGuardrails?: unknown[];
  inputMutators?: unknown[];
  outputMutators?: unknown[];
  /** Set when any hook field above is: the one property the request path checks when none is. */
  hasHooks?: true;
}

/** What the engine needs to know about one upstream call's result: status line and headers. */
export interface AttemptOutcome {
  status: number;
  headers?: Record<string, string | string[] | undefined>;
  /** A connection error or timeout: always retryable, and a circuit-breaker failure. */
  transportError?: boolean;
  /**
   * The gateway itself failed (not the provider): stops fallback and is never retried, as the
   * reference's `x-portkey-gateway-exception` responses do.
   */
  gatewayException?: boolean;
}

/**
 * Handed to `execute` for a call that races others (a hedge): absent for every other call.
 */
export interface HedgeRace {
  /**
   * The call is leaving for its upstream now (after a cache miss, say): the hedge delay counts
   * from here, so a request answered without an upstream call (a cache hit) is never hedged.
   */
  onSent(): void;
}

export interface LeafExecutor<R extends AttemptOutcome> {
  /**
   * True when `execute` calls `race.onSent()` as each raced call goes upstream; otherwise the
   * hedge delay counts from the start of the attempt.
   */
  readonly reportsSent?: boolean;
  /**
   * One upstream call: emits ONE outcome (once the response headers are in) then completes.
   * Unsubscribing BEFORE the outcome is emitted must abort the call; after it is emitted the
   * outcome (and its body) belongs to the engine, so unsubscribing must not touch it. Transport
   * failures should be emitted as outcomes with `transportError: true`, not as errors: an error
   * notification fails the whole route.
   *
   * With `race` the call is one of a hedge's racers, and its outcome decides the race: an
   * executor whose answers stream should emit it once the first body chunk is in (not on the
   * headers), so an upstream that answers 200 and then stalls is still hedged and loses.
   */
  execute(target: LeafTarget, attempt: number, race?: HedgeRace): Observable<R>;
  /** The outcome used when `request_timeout` expires first (the reference answers 408, `timeout_error`). */
  timeoutOutcome(target: LeafTarget, timeoutMs: number): R;
  /** The engine will not use this outcome (it retried or fell back): free its body. */
  discard(outcome: R): void;
}

export interface RouteResult<R extends AttemptOutcome> {
  outcome: R;
  target: LeafTarget;
  /** Retries made on the final leaf; -1 when its retries ran out on a retryable outcome. */
  retryAttemptCount: number;
  /** Upstream calls made in total (all leaves, all retries, all hedges). */
  attempts: number;
  /** Hedged (extra, concurrent) requests sent; 0 when none fired. */
  hedges: number;
}
