/**
 * The playground's dry run: what the routing engine would do with a request, without calling
 * anything upstream. It compiles the config with the real engine (libs/strategies) and runs the
 * real router twice against a stand-in executor that answers at once: once where the first call
 * succeeds (the target the request goes to), and once where every call fails (the order of
 * every retry and fallback). Waits are recorded, not slept. Pure: no Nest, no I/O.
 */
import type { ConfigNode, RoutingConfig } from '@aigw/config-schema';
import {
  compileConfig,
  createRouter,
  RouterError,
  type AttemptOutcome,
  type LeafExecutor,
  type LeafTarget,
  type PlanNode,
  type RouteContext,
  type RoutePlan,
} from '@aigw/strategies';
import { of } from 'rxjs';

export interface TargetSummary {
  path: string;
  name?: string;
  provider: string | null;
  virtualKey?: string;
  /** `override_params.model`, when the config pins one. */
  model?: string;
  retry: { attempts: number; onStatusCodes: number[]; useRetryAfterHeader: boolean } | null;
  /** Effective: x-portkey-request-timeout wins over the target's request_timeout. */
  timeoutMs: number | null;
  customHost?: string;
}

export interface PlanView {
  path: string;
  mode: 'leaf' | 'fallback' | 'loadbalance' | 'conditional';
  target?: TargetSummary;
  onStatusCodes?: number[];
  weights?: { weight: number; share: number }[];
  stickyKey?: string;
  conditions?: { index: number; query: unknown; then: string; matched: boolean }[];
  default?: string;
  children?: PlanView[];
}

export interface Decision {
  path: string;
  mode: 'fallback' | 'loadbalance' | 'conditional';
  /** Index of the child taken (fallback: the first one tried). */
  chosen: number;
  /** Conditional: the first matching condition, or null when the default was used. */
  matchedCondition?: { index: number; query: unknown; then: string } | null;
  /** Loadbalance: a sticky key's value pins the choice; otherwise a weighted random draw. */
  sticky?: { key: string; value: unknown } | null;
}

export interface Attempt {
  target: string;
  /** 0 for the first call to this target, then 1.. for retries. */
  attempt: number;
  /** Backoff before this call (a sample: the real wait has random jitter). */
  waitMsBefore: number;
}

export interface DryRunResult {
  plan: PlanView;
  /** Null when the config cannot route this request (then `error` says what the gateway answers). */
  route: { target: TargetSummary; decisions: Decision[]; attemptsIfEveryCallFails: Attempt[]; simulatedFailureStatus: number } | null;
  error?: { status: number; message: string };
  /** The seed of this run's loadbalance draw and backoff samples: send it back to repeat them. */
  seed: number;
}

export interface DryRunInput {
  config: RoutingConfig;
  ctx: RouteContext;
  /** Provider from x-portkey-provider, for a config whose root target names none. */
  headerProvider?: string;
  /** Status every simulated call answers in the "every call fails" run (default 503). */
  failureStatus?: number;
  /** Seeds the loadbalance draw and backoff jitter, so a dry run can be repeated. */
  seed?: number;
}

/** mulberry32: small, seeded, uniform enough for a weighted pick. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function summary(leaf: LeafTarget, ctx: RouteContext, headerProvider?: string): TargetSummary {
  const node = leaf.node as ConfigNode & { name?: string };
  const model = leaf.overrideParams.model;
  const timeout = ctx.requestTimeout !== undefined && ctx.requestTimeout > 0 ? ctx.requestTimeout : leaf.requestTimeout;
  return {
    path: leaf.path,
    ...(node.name !== undefined ? { name: node.name } : {}),
    provider: node.provider ?? (node.virtualKey === undefined ? (headerProvider ?? null) : null),
    ...(node.virtualKey !== undefined ? { virtualKey: node.virtualKey } : {}),
    ...(typeof model === 'string' ? { model } : {}),
    retry: leaf.retry ? { ...leaf.retry, onStatusCodes: [...leaf.retry.onStatusCodes] } : null,
    timeoutMs: timeout ?? null,
    ...(leaf.customHost ? { customHost: leaf.customHost } : {}),
  };
}

/** The config node at a plan path (`config.targets[1].targets[0]`), for names and raw queries. */
function nodeAt(config: RoutingConfig, path: string): ConfigNode {
  let node: ConfigNode = config;
  for (const match of path.matchAll(/targets\[(\d+)\]/g)) node = node.targets![Number(match[1])]!;
  return node;
}

function view(plan: PlanNode, config: RoutingConfig, ctx: RouteContext, path: string, headerProvider?: string): PlanView {
  if (plan.kind === 'leaf') return { path: plan.leaf.path, mode: 'leaf', target: summary(plan.leaf, ctx, headerProvider) };
  const node = nodeAt(config, path);
  const children = plan.children.map((child, i) => view(child, config, ctx, `${path}.targets[${i}]`, headerProvider));
  switch (plan.kind) {
    case 'fallback':
      return { path, mode: 'fallback', ...(plan.onStatusCodes ? { onStatusCodes: [...plan.onStatusCodes] } : {}), children };
    case 'loadbalance':
      return {
        path,
        mode: 'loadbalance',
        weights: plan.weights.map((weight) => ({ weight, share: plan.totalWeight > 0 && weight > 0 ? weight / plan.totalWeight : 0 })),
        ...(node.strategy?.stickyKey ? { stickyKey: node.strategy.stickyKey } : {}),
        children,
      };
    case 'conditional': {
      const matched = firstMatch(plan, ctx);
      return {
        path,
        mode: 'conditional',
        conditions: (node.strategy?.conditions ?? []).map((c, index) => ({ index, query: c.query, then: c.then, matched: index === matched })),
        ...(node.strategy?.default !== undefined ? { default: node.strategy.default } : {}),
        children,
      };
    }
  }
}

/** The first rule whose compiled predicate (the engine's own) matches; -1 for none. */
function firstMatch(plan: Extract<PlanNode, { kind: 'conditional' }>, ctx: RouteContext): number {
  try {
    return plan.rules.findIndex((rule) => rule.test(ctx));
  } catch {
    return -1;
  }
}

/** The strategy choices along the way from the root to `leafPath`. */
function decisions(plan: PlanNode, config: RoutingConfig, ctx: RouteContext, leafPath: string, path = 'config'): Decision[] {
  if (plan.kind === 'leaf') return [];
  const chosen = plan.children.findIndex((child) => child.leaves.some((leaf) => leaf.path === leafPath));
  if (chosen < 0) return [];
  const node = nodeAt(config, path);
  const decision: Decision = { path, mode: plan.kind, chosen };
  if (plan.kind === 'conditional') {
    const index = firstMatch(plan, ctx);
    const condition = index >= 0 ? node.strategy?.conditions?.[index] : undefined;
    decision.matchedCondition = condition ? { index, query: condition.query, then: condition.then } : null;
  }
  if (plan.kind === 'loadbalance') {
    const key = node.strategy?.stickyKey;
    const value = key && plan.sticky ? plan.sticky(ctx) : undefined;
    decision.sticky = key && (typeof value === 'string' || typeof value === 'number') ? { key, value } : null;
  }
  return [decision, ...decisions(plan.children[chosen]!, config, ctx, leafPath, `${path}.targets[${chosen}]`)];
}

/** Runs the real router over a stand-in executor answering `status`; returns the calls in order. */
function simulate(plan: RoutePlan, ctx: RouteContext, status: number, seed: number): Attempt[] {
  const calls: Attempt[] = [];
  let pendingWait = 0;
  const router = createRouter({
    random: seededRandom(seed),
    sleep: (ms) => {
      pendingWait += ms;
      return of(0);
    },
  });
  const executor: LeafExecutor<AttemptOutcome> = {
    execute: (target, attempt) => {
      calls.push({ target: target.path, attempt, waitMsBefore: Math.round(pendingWait) });
      pendingWait = 0;
      return of({ status });
    },
    timeoutOutcome: () => ({ status: 408 }),
    discard: () => undefined,
  };
  // Every step is synchronous (the executor and sleep answer at once): the calls are all in when this returns.
  router.route(plan, ctx, executor).subscribe({ error: () => undefined });
  return calls;
}

export function explainRoute(input: DryRunInput): DryRunResult {
  const { config, ctx, headerProvider } = input;
  const plan = compileConfig(config);
  const seed = input.seed ?? Math.floor(Math.random() * 2 ** 32);
  const result: DryRunResult = { plan: view(plan.root, config, ctx, 'config', headerProvider), route: null, seed };
  let routed: LeafTarget | undefined;
  let failure: unknown;
  createRouter({ random: seededRandom(seed), sleep: () => of(0) })
    .route(plan, ctx, { execute: () => of({ status: 200 }), timeoutOutcome: () => ({ status: 408 }), discard: () => undefined })
    .subscribe({ next: (r) => (routed = r.target), error: (e: unknown) => (failure = e) });
  if (!routed) {
    const message = failure instanceof RouterError ? failure.message : failure instanceof Error ? failure.message : 'the config cannot route this request';
    return { ...result, error: { status: 400, message } };
  }
  const failureStatus = input.failureStatus ?? 503;
  const attempts = simulate(plan, ctx, failureStatus, seed);
  result.route = {
    target: summary(routed, ctx, headerProvider),
    decisions: decisions(plan.root, config, ctx, routed.path),
    attemptsIfEveryCallFails: attempts,
    simulatedFailureStatus: failureStatus,
  };
  return result;
}
