import type { JsonObject } from '@aigw/guardrails';
import type { LeafTarget } from '@aigw/strategies';
import type { RequestContext } from '../request/request-context.js';
import { GuardedRequest } from './guarded-request.js';
import type { Guardrails } from './guardrails.js';

/**
 * Before-request hooks for one attempt, on the body about to be sent (after override_params).
 * Each attempt starts afresh: a fallback target may carry other hooks than the first one.
 */
export async function runBeforeHooks(
  ctx: RequestContext,
  engine: Guardrails,
  target: LeafTarget,
  providerId: string,
  params: JsonObject,
): Promise<{ denied?: unknown; params?: JsonObject }> {
  const plan = engine.planFor(target, ctx.endpoint);
  ctx.guardrails = undefined;
  if (!plan) return {};
  const guarded = new GuardedRequest(engine, plan, { endpoint: ctx.endpoint, provider: providerId, metadata: ctx.headers.metadata ?? {} });
  ctx.guardrails = guarded;
  return guarded.runBefore(params);
}
