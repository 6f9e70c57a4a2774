/**
 * Parent → child inheritance of routing settings (the reference's rules): override params merge
 * (child keys win); retry and cache objects are replaced whole; timeout, custom host, forwarded
 * headers and strict compliance pass down when the child is silent; hook groups are the child's
 * if it has any, else the parent's; provider and credentials never pass down.
 */
import type { ConfigNode } from '@aigw/config-schema';
import type { LeafTarget, ResolvedRetry } from './router.types.js';

/** Frozen: shared by every leaf that does not list its own. */
export const DEFAULT_RETRY_STATUS_CODES: number[] = Object.freeze([429, 500, 502, 503, 504]) as number[];

const BEFORE_HOOKS = ['beforeRequestHooks', 'inputGuardrails', 'inputMutators'] as const;
const AFTER_HOOKS = ['afterRequestHooks', 'outputGuardrails', 'outputMutators'] as const;
type HookGroup = Partial<Record<string, unknown[]>>;

/** What a node passes to its children. */
export interface Inherited {
  overrideParams: Readonly<Record<string, unknown>>;
  retry?: ResolvedRetry;
  cache?: LeafTarget['cache'];
  requestTimeout?: number;
  customHost?: string;
  forwardHeaders?: string[];
  strictOpenAiCompliance?: boolean;
  beforeHooks?: HookGroup;
  afterHooks?: HookGroup;
}

const EMPTY: Inherited = { overrideParams: Object.freeze({}) };

function hookGroup(node: ConfigNode, fields: readonly string[]): HookGroup | undefined {
  let group: HookGroup | undefined;
  for (const field of fields) {
    const value = node[field];
    if (Array.isArray(value)) (group ??= {})[field] = value;
  }
  return group;
}

function resolveRetry(node: ConfigNode): ResolvedRetry | undefined {
  const { retry } = node;
  if (!retry) return undefined;
  return Object.freeze({
    attempts: retry.attempts,
    onStatusCodes: retry.onStatusCodes ? (Object.freeze([...retry.onStatusCodes]) as number[]) : DEFAULT_RETRY_STATUS_CODES,
    useRetryAfterHeader: retry.useRetryAfterHeader === true,
  });
}

/** The settings `node` has in effect, given what its parent had (none for the root). */
export function inherit(node: ConfigNode, parent: Inherited = EMPTY): Inherited {
  return {
    overrideParams: node.overrideParams
      ? Object.freeze({ ...parent.overrideParams, ...node.overrideParams })
      : parent.overrideParams,
    retry: resolveRetry(node) ?? parent.retry,
    cache: node.cache ?? parent.cache,
    requestTimeout: node.requestTimeout ?? parent.requestTimeout,
    customHost: node.customHost ?? parent.customHost,
    forwardHeaders: node.forwardHeaders ?? parent.forwardHeaders,
    strictOpenAiCompliance: node.strictOpenAiCompliance ?? parent.strictOpenAiCompliance,
    beforeHooks: hookGroup(node, BEFORE_HOOKS) ?? parent.beforeHooks,
    afterHooks: hookGroup(node, AFTER_HOOKS) ?? parent.afterHooks,
  };
}

/** A leaf's target: its own node plus the settings in effect there. Frozen: shared by all requests. */
export function leafTarget(node: ConfigNode, path: string, settings: Inherited): LeafTarget {
  const target: LeafTarget = { path, node, overrideParams: settings.overrideParams };
  if (settings.retry) target.retry = settings.retry;
  if (settings.cache) target.cache = settings.cache;
  if (settings.requestTimeout !== undefined) target.requestTimeout = settings.requestTimeout;
  if (settings.customHost !== undefined) target.customHost = settings.customHost;
  if (settings.forwardHeaders) target.forwardHeaders = settings.forwardHeaders;
  if (settings.strictOpenAiCompliance !== undefined) target.strictOpenAiCompliance = settings.strictOpenAiCompliance;
  Object.assign(target, settings.beforeHooks, settings.afterHooks);
  if (settings.beforeHooks || settings.afterHooks) target.hasHooks = true;
  return Object.freeze(target);
}

/** The path of a node's i-th target, as the reference prints it. */
export function childPath(path: string, index: number): string {
  return `${path}.targets[${index}]`;
}
