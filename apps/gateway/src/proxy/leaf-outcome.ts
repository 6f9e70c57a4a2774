import type { EndpointAdapter, ProviderAdapter, TransformContext } from '@aigw/providers';
import type { AttemptOutcome } from '@aigw/strategies';
import type { CachedAnswer, CacheTicket } from '../cache/response-cache.js';
import type { UpstreamResponse } from '../upstream/upstream-client.js';
import type { GuardedRequest } from '../guardrails/guarded-request.js';
import type { AttemptRecord } from './attempt-log.js';

/**
 * What one attempt at one target produced. Either the upstream answered (status, headers, a body
 * not yet read) or the gateway synthesised an answer (timeout, unreachable host, a request the
 * provider cannot express), carried as a ready JSON body.
 */
export interface LeafOutcome extends AttemptOutcome {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  transportError?: boolean;
  providerId: string;
  /** Present when the upstream answered. */
  upstream?: {
    response: UpstreamResponse;
    adapter: ProviderAdapter;
    endpoint: EndpointAdapter;
    transform: TransformContext;
    model: string;
  };
  /** Set when the client's API (Anthropic Messages, Responses) was translated onto chat completions. */
  translation?: 'messages' | 'responses';
  /** A cache hit: served instead of an upstream call. */
  cached?: CachedAnswer;
  /** A cache miss on this attempt: the writer stores the answer with it if it is the final, successful one. */
  cacheTicket?: CacheTicket;
  /** Present when the gateway answered for the upstream. */
  synthetic?: { body: unknown };
  /** This attempt's guardrails (its target's hooks and their results so far), when it has hooks. */
  guardrails?: GuardedRequest;
  /** The attempt's record (ctx.attempts): `discard` marks it failed. */
  attempt?: AttemptRecord;
}

export function syntheticOutcome(providerId: string, status: number, body: unknown, transportError = false, gatewayException = false): LeafOutcome {
  return { status, headers: {}, providerId, synthetic: { body }, transportError, gatewayException };
}
