/**
 * One side of a comparison, read off the request context a run left behind: the same fields for a
 * live primary (shadow-traffic.ts) and for a shadow or replay run (background-runner.ts).
 */
import type { RequestContext, UsageCounts } from '../request/request-context.js';
import type { RunOutcome } from './shadow.port.js';

export function runOutcomeOf(ctx: RequestContext, usage: UsageCounts | undefined): RunOutcome {
  return {
    configId: ctx.configId,
    configVersion: ctx.configVersion,
    provider: ctx.provider,
    model: ctx.upstreamModel ?? ctx.model,
    status: ctx.status,
    latencyMs: Math.round(ctx.elapsedMs()),
    promptTokens: usage?.promptTokens,
    completionTokens: usage?.completionTokens,
    cachedTokens: usage?.cachedTokens,
    errorMessage: ctx.errorMessage,
  };
}
