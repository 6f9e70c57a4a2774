import type { CheckSpec, Feedback, HookEvent, HookSpec, JsonObject } from './types.js';

/** The hook fields of a routing target (camel-cased keys, values verbatim from the config). */
export interface HookFieldsOf {
  beforeRequestHooks?: unknown[];
  afterRequestHooks?: unknown[];
  inputGuardrails?: unknown[];
  outputGuardrails?: unknown[];
  inputMutators?: unknown[];
  outputMutators?: unknown[];
}

export interface HookPlan {
  before: HookSpec[];
  after: HookSpec[];
}

/** Keys of a shorthand item that configure the hook; every other key names a check. */
const SHORTHAND_KEYS = new Set(['id', 'type', 'deny', 'async', 'sequential', 'on_fail', 'on_success', 'on_error', 'fail_on_error', 'timeout', 'name']);

/**
 * Full hook lists and the shorthand, as the reference converts them: shorthand items are appended
 * to the hook list of their event, bare check ids get the `default.` prefix, ids are generated.
 */
export function hookPlanOf(target: HookFieldsOf): HookPlan {
  const before = [
    ...list(target.beforeRequestHooks).map((raw, i) => fullHook(raw, 'beforeRequestHook', `before_request_hook_${i}`)),
    ...list(target.inputGuardrails).map((raw, i) => shorthandHook(raw, 'beforeRequestHook', 'guardrail', `input_guardrail_${i}`)),
    ...list(target.inputMutators).map((raw, i) => shorthandHook(raw, 'beforeRequestHook', 'mutator', `input_mutator_${i}`)),
  ];
  const after = [
    ...list(target.afterRequestHooks).map((raw, i) => fullHook(raw, 'afterRequestHook', `after_request_hook_${i}`)),
    ...list(target.outputGuardrails).map((raw, i) => shorthandHook(raw, 'afterRequestHook', 'guardrail', `output_guardrail_${i}`)),
    ...list(target.outputMutators).map((raw, i) => shorthandHook(raw, 'afterRequestHook', 'mutator', `output_mutator_${i}`)),
  ];
  // Mutators run first so guardrails judge what will actually be sent or returned.
  return { before: mutatorsFirst(before), after: mutatorsFirst(after) };
}

function mutatorsFirst(hooks: HookSpec[]): HookSpec[] {
  return [...hooks.filter((h) => h.type === 'mutator'), ...hooks.filter((h) => h.type !== 'mutator')];
}

function list(value: unknown[] | undefined): unknown[] {
  return Array.isArray(value) ? value : [];
}

function fullHook(raw: unknown, event: HookEvent, fallbackId: string): HookSpec {
  const h = objectOr(raw);
  const checks = Array.isArray(h.checks) ? h.checks.map(checkOf) : [];
  return base(h, event, h.type === 'mutator' ? 'mutator' : 'guardrail', fallbackId, checks);
}

function shorthandHook(raw: unknown, event: HookEvent, type: HookSpec['type'], fallbackId: string): HookSpec {
  // A bare string is a hosted guardrail id: kept as a check so its result says it is unknown here.
  if (typeof raw === 'string') return base({}, event, type, fallbackId, [{ id: withPlugin(raw), parameters: {}, isEnabled: true }]);
  const h = objectOr(raw);
  const checks: CheckSpec[] = [];
  for (const key of Object.keys(h)) {
    if (!SHORTHAND_KEYS.has(key)) checks.push({ id: withPlugin(key), parameters: objectOr(h[key]), isEnabled: true });
  }
  return base(h, event, type, fallbackId, checks);
}

function base(h: JsonObject, event: HookEvent, type: HookSpec['type'], fallbackId: string, checks: CheckSpec[]): HookSpec {
  const deny = h.deny === true;
  const explicit = h.on_error === 'fail' || h.fail_on_error === true ? 'fail' : h.on_error === 'pass' || h.fail_on_error === false ? 'pass' : undefined;
  return {
    id: typeof h.id === 'string' && h.id ? h.id : fallbackId,
    type,
    event,
    checks,
    deny,
    async: h.async === true,
    sequential: h.sequential === true,
    // Fail open by default, except for a hook that blocks: a broken deny-guardrail must not wave traffic through.
    onError: explicit ?? (deny ? 'fail' : 'pass'),
    timeoutMs: typeof h.timeout === 'number' && h.timeout > 0 ? h.timeout : undefined,
    onFail: feedbackOf(h.on_fail),
    onSuccess: feedbackOf(h.on_success),
  };
}

function checkOf(raw: unknown): CheckSpec {
  const c = objectOr(raw);
  return { id: withPlugin(typeof c.id === 'string' ? c.id : ''), parameters: objectOr(c.parameters), isEnabled: c.is_enabled !== false };
}

function feedbackOf(raw: unknown): { feedback?: Feedback } | undefined {
  const o = objectOr(raw);
  if (!('feedback' in o)) return undefined;
  return { feedback: objectOr(o.feedback) as Feedback };
}

function withPlugin(id: string): string {
  return id.includes('.') ? id : `default.${id}`;
}

function objectOr(value: unknown): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}
