import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Endpoint, Json } from '@aigw/providers';
import type { LimitState } from '../limits/request-limiter.js';
import type { RequestTrace } from '../tracing/request-trace.js';
import type { PortkeyHeaders } from './portkey-headers.js';
import type { GuardedRequest } from '../guardrails/guarded-request.js';
import type { AttemptRecord } from '../proxy/attempt-log.js';

/** Token counts as the request log stores them. */
export interface UsageCounts {
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
  /**
   * What the provider bills, when it reports that apart from what the model processed (Cohere's
   * `billed_units`): the request log prices the request from these.
   */
  billedPromptTokens?: number;
  billedCompletionTokens?: number;
}

/**
 * Everything known about one request as it moves through the gateway: who sent it (workspace,
 * keys), what it asked for, where it went and how long each part took. Later features (caching,
 * guardrails, budgets, tracing, metrics) read and extend this one object instead of threading
 * new arguments through every layer.
 */
export class RequestContext {
  readonly traceId: string;
  /** performance.now() when the request arrived. */
  readonly startedAt = performance.now();
  readonly receivedAt = new Date();
  /** True once the client went away before the answer was complete. */
  clientGone = false;
  private clientGoneHandlers?: (() => void)[];

  workspaceId?: string;
  apiKeyId?: string;
  virtualKeySlug?: string;
  configId?: string;
  configVersion?: number;

  provider?: string;
  /** The model sent to the target that answered (after override_params); the request log records this one. */
  upstreamModel?: string;
  targetPath?: string;
  /** The answering target's request timeout (header or config); also bounds silence in its stream. */
  requestTimeoutMs?: number;
  /** Hedged requests sent by the routing engine for this request. */
  hedges = 0;
  /** Every upstream attempt, in the order started (leaf executor; read by limits and the request log). */
  attempts?: AttemptRecord[];
  retryCount = 0;
  /** Upstream calls the routing engine made (all targets, all retries), for the fallback metric. */
  routeAttempts?: number;
  status = 0;
  /** Time spent waiting on upstreams (headers, and bodies the gateway buffered), ms. */
  upstreamMs = 0;
  /** `x-portkey-cache-status` when a cache applied (HIT, MISS, REFRESH, SEMANTIC HIT/MISS); else DISABLED. */
  cacheStatus?: string;
  /** Time to the first byte written to the client, ms. */
  ttfbMs?: number;
  gatewayOverheadMs?: number;
  usage?: UsageCounts;
  /** Set only when a rate limit or budget applies to the request (limits/). */
  limits?: LimitState;
  /** Set only when the request is traced (OTLP export on, or an incoming traceparent to pass on). */
  trace?: RequestTrace;
  /** Set only when the serving target has hooks or guardrails (guardrails/). */
  guardrails?: GuardedRequest;
  errorMessage?: string;
  /** Raw upstream success body, kept only so the log can read usage off the hot path. */
  responseBytes?: Buffer;
  /** The client's JSON body exactly as it arrived (for byte-exact passthrough). */
  rawBody?: Buffer;
  /** For `passthrough`: the path after `/v1`, with its query string. */
  passthroughPath?: string;
  /** The client's Messages/Responses request translated onto chat completions (computed once). */
  chatBody?: Json;
  /** The Node request, whose unread stream is the body of multipart/audio uploads. */
  incoming?: IncomingMessage;
  /**
   * Set only when this request was drawn for shadow traffic (shadow/): the saved config it is
   * also sent to after the answer, and the answer as the client got it (JSON body, or a stream's
   * text), for the agreement score.
   */
  shadow?: { configId: string; answer?: string; text?: string };
  /** A shadow or replay run (shadow/): never shadowed again, never cached, never limited. */
  background = false;

  constructor(
    readonly endpoint: Endpoint,
    readonly method: string,
    readonly path: string,
    /** The incoming headers as Node gives them (lower-cased names), for forward_headers. */
    readonly rawHeaders: Record<string, string | string[] | undefined>,
    readonly headers: PortkeyHeaders,
    readonly body: Json,
  ) {
    this.traceId = headers.traceId ?? randomUUID();
  }

  get stream(): boolean {
    return this.body.stream === true;
  }

  /** The client asked for usage in its stream (`stream_options.include_usage`). */
  get includeUsage(): boolean {
    const options = this.body.stream_options as Json | undefined;
    return options?.include_usage === true;
  }

  get model(): string | undefined {
    return typeof this.body.model === 'string' ? this.body.model : undefined;
  }

  /**
   * Runs `handler` when the client goes away (cancels the routing pipeline, hence the upstream
   * call and any pending retry). Plain callbacks rather than an AbortController: this runs for
   * every request, and EventTarget listeners are costly on the hot path.
   */
  onClientGone(handler: () => void): () => void {
    (this.clientGoneHandlers ??= []).push(handler);
    return () => {
      const handlers = this.clientGoneHandlers;
      const i = handlers ? handlers.indexOf(handler) : -1;
      if (i !== -1) handlers!.splice(i, 1);
    };
  }

  markClientGone(): void {
    if (this.clientGone) return;
    this.clientGone = true;
    const handlers = this.clientGoneHandlers;
    this.clientGoneHandlers = undefined;
    for (const handler of handlers ?? []) handler();
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Gateway overhead so far: wall time minus the time spent waiting on providers. */
  overheadMs(): number {
    return Math.max(0, this.elapsedMs() - this.upstreamMs);
  }
}
