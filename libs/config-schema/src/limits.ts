/**
 * Size and depth bounds, checked iteratively before anything recursive (normalization, zod,
 * query validation) touches the input, so a hostile config gets a clear error instead of a stack
 * overflow or a long pause.
 */
import type { ConfigIssue } from './config.types.js';
import { isPlainObject } from './normalize.js';

/** Deepest `targets` nesting accepted (the root is depth 0). */
export const MAX_TREE_DEPTH = 32;
/** Most nodes (root, strategy nodes and leaves together) in one config. */
export const MAX_NODES = 1000;
/** Deepest nesting inside one conditional `query` (objects and arrays). */
export const MAX_QUERY_DEPTH = 32;

interface Pending {
  node: Record<string, unknown>;
  depth: number;
  path: Array<string | number>;
}

/** The first bound the raw (not yet normalized) config breaks, or undefined. */
export function checkLimits(root: Record<string, unknown>): ConfigIssue | undefined {
  const stack: Pending[] = [{ node: root, depth: 0, path: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (++count > MAX_NODES) {
      return { path: [], message: `Config is too large: more than ${MAX_NODES} targets in total` };
    }
    if (depth > MAX_TREE_DEPTH) {
      return { path, message: `Config is nested too deeply: targets may nest at most ${MAX_TREE_DEPTH} levels` };
    }
    const queryIssue = checkQueryDepths(node, path);
    if (queryIssue) return queryIssue;
    const targets = node.targets;
    if (!Array.isArray(targets)) continue;
    // Stop before pushing more than the node budget allows, so a huge array costs nothing.
    if (count + stack.length + targets.length > MAX_NODES) {
      return { path: [], message: `Config is too large: more than ${MAX_NODES} targets in total` };
    }
    for (let i = targets.length - 1; i >= 0; i--) {
      const child = targets[i];
      if (isPlainObject(child)) stack.push({ node: child, depth: depth + 1, path: [...path, 'targets', i] });
    }
  }
  return undefined;
}

function checkQueryDepths(node: Record<string, unknown>, path: Array<string | number>): ConfigIssue | undefined {
  const strategy = node.strategy;
  if (!isPlainObject(strategy) || !Array.isArray(strategy.conditions)) return undefined;
  const conditions = strategy.conditions;
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i];
    if (!isPlainObject(condition)) continue;
    if (depthExceeds(condition.query, MAX_QUERY_DEPTH)) {
      return {
        path: [...path, 'strategy', 'conditions', i, 'query'],
        message: `Query is nested too deeply: at most ${MAX_QUERY_DEPTH} levels`,
      };
    }
  }
  return undefined;
}

/** Whether objects/arrays nest deeper than `max` below `value`; iterative, stops early. */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
