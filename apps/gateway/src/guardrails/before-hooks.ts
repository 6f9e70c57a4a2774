import type { JsonObject } from '@aigw/guardrails';
import type { LeafTarget } from '@aigw/strategies';
import type { RequestContext } from '../request/request-context.js';
import { GuardedRequest } from './guarded-request.js';
import type { Guardrails } from './guardrails.js';

/**
 * Before-request hooks for one attempt, on the body about to be sent (after override_params).
 * Each attempt gets its own GuardedRequest: a fallback or hedged target may carry other hooks.
 */
export async function runBeforeHooks(
  ctx: RequestContext,
  engine: Guardrails,
  target: LeafTarget,
  providerId: string,
  params: JsonObject,
): Promise<{ guarded?: GuardedRequest; denied?: unknown; params?: JsonObject }> {
  const plan = engine.planFor(target, ctx.endpoint);
  if (!plan) return {};
  const trace = ctx.trace;
  const guarded = new GuardedRequest(
    engine,
    plan,
    { endpoint: ctx.endpoint, provider: providerId, metadata: ctx.headers.metadata ?? {} },
    trace ? (event, results) => trace.hooks(event, results) : undefined,
  );
  return { guarded, ...(await guarded.runBefore(params)) };
}
