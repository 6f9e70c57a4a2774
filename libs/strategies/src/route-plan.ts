/**
 * A config compiled once into a routing plan: leaves with inheritance resolved, weights summed,
 * queries compiled, so a request only walks the plan. The gateway caches parsed configs; plans are
 * cached per config object (WeakMap), so each distinct config is compiled once.
 */
import type { ConfigNode, RoutingConfig } from '@aigw/config-schema';
import { compileQuery, type Predicate } from './conditions.js';
import { contextGetter, type ContextGetter } from './context-path.js';
import { childPath, inherit, leafTarget, type Inherited } from './inheritance.js';
import type { LeafTarget } from './router.types.js';
import { sumWeights } from './weighted-pick.js';

interface PlanBase {
  /** Every leaf reachable below (for circuit-breaker availability). */
  leaves: readonly LeafTarget[];
}

export interface LeafPlan extends PlanBase {
  kind: 'leaf';
  leaf: LeafTarget;
}

/** A node's `hedge` with its default applied. */
export interface ResolvedHedge {
  afterMs: number | 'p95';
  maxExtra: number;
}

export interface FallbackPlan extends PlanBase {
  kind: 'fallback';
  children: readonly PlanNode[];
  /** Move on only for these statuses; undefined: on any non-2xx. */
  onStatusCodes?: readonly number[];
  hedge?: ResolvedHedge;
}

export interface LoadbalancePlan extends PlanBase {
  kind: 'loadbalance';
  children: readonly PlanNode[];
  weights: readonly number[];
  totalWeight: number;
  sticky?: ContextGetter;
  hedge?: ResolvedHedge;
}

export interface ConditionalPlan extends PlanBase {
  kind: 'conditional';
  children: readonly PlanNode[];
  rules: ReadonlyArray<{ test: Predicate; child: number }>;
  /** Child used when no rule matches; -1 when there is none (or a name matches no target). */
  defaultChild: number;
}

export type PlanNode = LeafPlan | FallbackPlan | LoadbalancePlan | ConditionalPlan;

export class RoutePlan {
  readonly leaves: readonly LeafTarget[];

  constructor(readonly root: PlanNode) {
    this.leaves = root.leaves;
  }
}

/** Compiles a validated config (from `parseConfig`). Throws on a config the schema would reject. */
export function compileConfig(config: RoutingConfig): RoutePlan {
  return new RoutePlan(compileNode(config, 'config', undefined));
}

const plans = new WeakMap<RoutingConfig, RoutePlan>();

/** The plan of a config object, compiled on first use. */
export function planFor(config: RoutingConfig): RoutePlan {
  let plan = plans.get(config);
  if (!plan) {
    plan = compileConfig(config);
    plans.set(config, plan);
  }
  return plan;
}

/** Every leaf a request can reach, in document order, inheritance resolved. */
export function resolveLeaves(config: RoutingConfig): LeafTarget[] {
  return [...planFor(config).leaves];
}

function compileNode(node: ConfigNode, path: string, parent: Inherited | undefined): PlanNode {
  const settings = inherit(node, parent);
  const strategy = node.strategy;
  // No strategy: a leaf (as in the reference, stray `targets` on it are ignored).
  if (!strategy) {
    const leaf = leafTarget(node, path, settings);
    return { kind: 'leaf', leaf, leaves: [leaf] };
  }
  const targets = node.targets ?? [];
  if (targets.length === 0) throw new Error(`${path}: a strategy needs at least one target`);
  const compileChild = (i: number): PlanNode => compileNode(targets[i], childPath(path, i), settings);

  switch (strategy.mode) {
    case 'single':
      // Only targets[0] can ever be used; its path keeps the index.
      return compileChild(0);
    case 'fallback': {
      const children = targets.map((_, i) => compileChild(i));
      return { kind: 'fallback', children, onStatusCodes: strategy.onStatusCodes, hedge: hedgeOf(node), leaves: collectLeaves(children) };
    }
    case 'loadbalance': {
      const children = targets.map((_, i) => compileChild(i));
      const weights = targets.map((t) => t.weight ?? 1);
      return {
        kind: 'loadbalance',
        children,
        weights,
        totalWeight: sumWeights(weights),
        sticky: strategy.stickyKey ? contextGetter(strategy.stickyKey) : undefined,
        hedge: hedgeOf(node),
        leaves: collectLeaves(children),
      };
    }
    case 'conditional': {
      const children = targets.map((_, i) => compileChild(i));
      const indexOf = (name: string | undefined): number =>
        name === undefined ? -1 : targets.findIndex((t) => t.name === name);
      const rules = (strategy.conditions ?? []).map((c) => ({ test: compileQuery(c.query), child: indexOf(c.then) }));
      return { kind: 'conditional', children, rules, defaultChild: indexOf(strategy.default), leaves: collectLeaves(children) };
    }
    default:
      throw new Error(`${path}: unknown strategy mode '${String((strategy as { mode: unknown }).mode)}'`);
  }
}

function hedgeOf(node: ConfigNode): ResolvedHedge | undefined {
  return node.hedge ? Object.freeze({ afterMs: node.hedge.afterMs, maxExtra: node.hedge.maxExtra ?? 1 }) : undefined;
}

function collectLeaves(children: readonly PlanNode[]): LeafTarget[] {
  return children.flatMap((c) => c.leaves);
}

/**
 * The plan of a request without a config: one root leaf, no retry, no timeout (the provider and
 * key come from headers; `ctx.requestTimeout` still applies). Shared, compiled once.
 */
export const DIRECT_ROUTE_PLAN: RoutePlan = compileConfig(Object.freeze({}) as RoutingConfig);
