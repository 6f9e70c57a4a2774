import { parameterProblem, type PluginRegistry } from './plugin.js';
import type { CheckOutcome, CheckResult, CheckServices, CheckSpec, HookContext, HookResult, HookSpec, JsonObject } from './types.js';

export interface RunnerOptions {
  registry: PluginRegistry;
  services: CheckServices;
  /** Per-check timeout unless the hook or the check sets one (ms). */
  defaultTimeoutMs: number;
}

export interface HooksRun {
  results: HookResult[];
  /** The event's JSON after every mutator; undefined when nothing changed it. */
  transformed?: JsonObject;
}

class CheckTimeout extends Error {}

/**
 * Runs one event's hooks in order (so a mutator's output is what later hooks judge). A hook's
 * checks run in parallel, or one after the other with `sequential: true`. Never throws: a check
 * that throws or outlives its timeout is reported with `error` and counted by the hook's policy.
 */
export async function runHooks(hooks: HookSpec[], ctx: HookContext, options: RunnerOptions): Promise<HooksRun> {
  const results: HookResult[] = [];
  let current = ctx;
  let transformed: JsonObject | undefined;
  for (const hook of hooks) {
    const started = Date.now();
    const checks: CheckResult[] = [];
    let hookTransformed = false;
    const apply = (json: JsonObject | undefined) => {
      if (!json) return;
      hookTransformed = true;
      transformed = json;
      current = withJson(current, json);
    };
    const enabled = hook.checks.filter((c) => c.isEnabled);
    if (hook.sequential) {
      for (const spec of enabled) {
        const { result, json } = await runCheck(spec, hook, current, options);
        checks.push(result);
        apply(json);
      }
    } else {
      const seen = current;
      const ran = await Promise.all(enabled.map((spec) => runCheck(spec, hook, seen, options)));
      for (const { result, json } of ran) {
        checks.push(result);
        apply(json);
      }
    }
    const verdict = checks.every((c) => c.verdict);
    results.push({
      id: hook.id,
      type: hook.type,
      verdict,
      deny: hook.deny,
      async: hook.async,
      transformed: hookTransformed,
      checks,
      feedback: feedbackOf(hook, verdict, checks),
      execution_time: Date.now() - started,
      created_at: new Date(started).toISOString(),
    });
  }
  return { results, transformed };
}

async function runCheck(spec: CheckSpec, hook: HookSpec, ctx: HookContext, options: RunnerOptions): Promise<{ result: CheckResult; json?: JsonObject }> {
  const started = Date.now();
  const done = (outcome: CheckOutcome, error?: CheckResult['error']): { result: CheckResult; json?: JsonObject } => ({
    result: {
      id: spec.id,
      verdict: outcome.verdict,
      data: outcome.data ?? null,
      ...(outcome.explanation ? { explanation: outcome.explanation } : {}),
      ...(error ? { error } : {}),
      transformed: outcome.transformed !== undefined,
      execution_time: Date.now() - started,
      created_at: new Date(started).toISOString(),
    },
    json: outcome.transformed,
  });
  // The reference's per-check `failOnError` (webhook) overrides the hook's policy for that check.
  const onError = spec.parameters.failOnError === true ? 'fail' : spec.parameters.failOnError === false ? 'pass' : hook.onError;
  const failed = (name: 'TimeoutError' | 'CheckError', message: string) => done({ verdict: onError === 'pass' }, { name, message });

  const check = options.registry.get(spec.id);
  if (!check) return failed('CheckError', `unknown check ${spec.id}`);
  if (!check.manifest.supportedHooks.includes(ctx.event)) return failed('CheckError', `${spec.id} cannot run as a ${ctx.event}`);
  let problem: string | undefined;
  try {
    problem = parameterProblem(check, spec.parameters);
  } catch (error) {
    // A manifest schema the validator refuses (a pattern it will not run) is the plug-in's fault, reported like any.
    problem = `parameters not checked: ${(error as Error).message}`;
  }
  if (problem) return failed('CheckError', problem);

  const timeoutMs = numberOr(spec.parameters.timeout, hook.timeoutMs ?? options.defaultTimeoutMs);
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      // Wrapped so a check that throws synchronously is caught like one that rejects.
      Promise.resolve().then(() => check.run(ctx, spec.parameters, { ...options.services, signal: abort.signal })),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
      }),
    ]);
    if (!outcome || typeof outcome.verdict !== 'boolean') return failed('CheckError', `${spec.id} returned no verdict`);
    return done(outcome);
  } catch (error) {
    if (error instanceof CheckTimeout) {
      abort.abort();
      return failed('TimeoutError', `${spec.id} timed out after ${timeoutMs} ms`);
    }
    return failed('CheckError', (error as Error)?.message ?? String(error));
  } finally {
    clearTimeout(timer);
  }
}

function withJson(ctx: HookContext, json: JsonObject): HookContext {
  if (ctx.event === 'afterRequestHook' && ctx.response) return { ...ctx, response: { ...ctx.response, json } };
  return { ...ctx, request: { json } };
}

/** `on_success` / `on_fail` feedback as the reference sends it, with the checks named. */
function feedbackOf(hook: HookSpec, verdict: boolean, checks: CheckResult[]): HookResult['feedback'] {
  const configured = (verdict ? hook.onSuccess : hook.onFail)?.feedback;
  if (!configured) return undefined;
  const names = (keep: (c: CheckResult) => boolean) => checks.filter(keep).map((c) => c.id).join(', ');
  return {
    ...configured,
    metadata: {
      ...configured.metadata,
      successfulChecks: names((c) => c.verdict && !c.error),
      failedChecks: names((c) => !c.verdict && !c.error),
      erroredChecks: names((c) => c.error !== undefined),
    },
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}
