import { type GuardrailPlugin, type HookPlan, PluginRegistry, defaultPlugin, hookPlanOf, type RunnerOptions } from '@aigw/guardrails';
import type { LeafTarget } from '@aigw/strategies';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { checkServices } from './webhook-client.js';

/** Endpoints hooks run on (the reference's list); embeddings get before-request hooks only. */
const GUARDED = new Set(['chatComplete', 'complete', 'embed', 'messages']);

/**
 * The gateway's guardrail engine: the built-in checks plus the enabled plug-ins (validated at
 * start-up), and each routing target's hook plan, parsed once per target (targets are frozen
 * and shared by every request of a config).
 */
export class Guardrails {
  readonly runner: RunnerOptions;
  private readonly plans = new WeakMap<LeafTarget, HookPlan>();

  constructor(plugins: GuardrailPlugin[], upstream: UpstreamClient, defaultTimeoutMs: number) {
    this.runner = { registry: new PluginRegistry([defaultPlugin, ...plugins]), services: checkServices(upstream), defaultTimeoutMs };
  }

  /** The hooks that apply to this endpoint at this target, or undefined when none do. */
  planFor(target: LeafTarget, endpoint: string): HookPlan | undefined {
    if (!GUARDED.has(endpoint)) return undefined;
    let plan = this.plans.get(target);
    if (!plan) {
      plan = hookPlanOf(target);
      this.plans.set(target, plan);
    }
    const after = endpoint === 'embed' ? [] : plan.after;
    if (plan.before.length === 0 && after.length === 0) return undefined;
    return after === plan.after ? plan : { before: plan.before, after };
  }
}
