/**
 * The seam between the request path and the limits: the proxy asks `admit` before routing, the
 * leaf executor asks `admitVirtualKey` for each target it is about to call (so a fallback or retry
 * counts against the key actually used), and `settle` runs once the answer is complete. Without a
 * control plane there is nothing to limit and the proxy holds no limiter at all.
 */
import type { RequestContext } from '../request/request-context.js';
import type { Dimension, Reservation } from './limit-rules.js';

/** Carried on the RequestContext of a request that some limit applies to. */
export interface LimitState {
  estimatedPromptTokens: number;
  estimatedCompletionTokens: number;
  /**
   * In the order taken. A virtual-key reservation names the attempt it was taken for (the leaf
   * executor's record), whose fate settles it; without one, the last is the target that answered.
   */
  reservations: { reservation: Reservation; virtualKey?: string; attempt?: { readonly fate: 'answered' | 'failed' | 'aborted' } }[];
  /** x-ratelimit-* (and retry-after on a refusal), merged into the answer's headers. */
  headers?: Record<string, string>;
  /** What ran out, when a limit refused the request or one of its targets (for metrics). */
  refused?: Dimension;
  /**
   * Present when the workspace limits virtual keys: the leaf executor calls it for each target it
   * is about to call (a callback here keeps the executor free of another constructor argument).
   */
  admitVirtualKey?: (slug: string, providerId: string) => Promise<LimitRefusal | undefined> | undefined;
}

export interface LimitRefusal {
  status: 429 | 503;
  body: { status: 'failure'; message: string };
}

export abstract class RequestLimiter {
  /** Undefined (synchronously) when no limit applies; otherwise resolves, or rejects with a 429 GatewayError. */
  abstract admit(ctx: RequestContext): Promise<void> | undefined;
  /** Undefined when the key has no limit; otherwise resolves with a refusal or nothing (admitted). */
  abstract admitVirtualKey(ctx: RequestContext, slug: string, providerId: string, model: string | undefined): Promise<LimitRefusal | undefined> | undefined;
  /** Replaces estimates with the real usage and frees concurrency slots. Never throws. */
  abstract settle(ctx: RequestContext): void;
}
