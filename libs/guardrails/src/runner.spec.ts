import { defaultPlugin } from './builtins.js';
import { hookPlanOf } from './hook-specs.js';
import { PluginRegistry, type GuardrailPlugin } from './plugin.js';
import { runHooks } from './runner.js';
import { beforeCtx } from './__fixtures__/contexts.js';
import { deniedBody, guardedStatus, verdictOf } from './verdict.js';

const testPlugin: GuardrailPlugin = {
  manifest: {
    id: 'test',
    functions: [
      { id: 'throws', type: 'guardrail', supportedHooks: ['beforeRequestHook'] },
      { id: 'hangs', type: 'guardrail', supportedHooks: ['beforeRequestHook'] },
      { id: 'slowPass', type: 'guardrail', supportedHooks: ['beforeRequestHook'] },
      { id: 'afterOnly', type: 'guardrail', supportedHooks: ['afterRequestHook'] },
    ],
  },
  functions: {
    throws: () => {
      throw new Error('boom');
    },
    hangs: () => new Promise(() => undefined),
    slowPass: async () => {
      await new Promise((r) => setTimeout(r, 40));
      return { verdict: true };
    },
    afterOnly: () => ({ verdict: true }),
  },
};

const registry = new PluginRegistry([defaultPlugin, testPlugin]);
const options = { registry, services: { postJson: async () => ({ status: 200, json: {} }) }, defaultTimeoutMs: 200 };

describe('hook plan', () => {
  it('converts the shorthand, prefixes bare ids with default. and keeps full hooks', () => {
    const plan = hookPlanOf({
      inputGuardrails: [{ contains: { words: ['x'] }, deny: true }],
      beforeRequestHooks: [{ id: 'mine', type: 'guardrail', checks: [{ id: 'default.wordCount', parameters: { maxWords: 3 } }], sequential: true }],
      outputGuardrails: ['pg-hosted-id'],
    });
    expect(plan.before.map((h) => [h.id, h.deny, h.sequential, h.checks.map((c) => c.id)])).toEqual([
      ['mine', false, true, ['default.wordCount']],
      ['input_guardrail_0', true, false, ['default.contains']],
    ]);
    expect(plan.after[0].checks[0].id).toBe('default.pg-hosted-id');
  });

  it('error policy: fail open for non-deny hooks, closed for deny hooks, overridable', () => {
    const plan = hookPlanOf({ inputGuardrails: [{ contains: {} }, { contains: {}, deny: true }, { contains: {}, deny: true, on_error: 'pass' }, { contains: {}, fail_on_error: true }] });
    expect(plan.before.map((h) => h.onError)).toEqual(['pass', 'fail', 'pass', 'fail']);
  });
});

describe('runHooks', () => {
  it('a check that throws is reported and counted by the policy, never thrown', async () => {
    const open = hookPlanOf({ inputGuardrails: [{ 'test.throws': {} }] }).before;
    const { results } = await runHooks(open, beforeCtx('x'), options);
    expect(results[0].verdict).toBe(true);
    expect(results[0].checks[0].error).toEqual({ name: 'CheckError', message: 'boom' });
    const closed = hookPlanOf({ inputGuardrails: [{ 'test.throws': {}, deny: true }] }).before;
    expect((await runHooks(closed, beforeCtx('x'), options)).results[0].verdict).toBe(false);
  });

  it("a check's failOnError parameter overrides the hook's policy for that check", async () => {
    const hooks = hookPlanOf({ inputGuardrails: [{ 'test.throws': { failOnError: true } }] }).before;
    expect((await runHooks(hooks, beforeCtx('x'), options)).results[0].verdict).toBe(false);
  });

  it('a check that outlives its timeout is reported as a TimeoutError', async () => {
    const hooks = hookPlanOf({ inputGuardrails: [{ 'test.hangs': { timeout: 30 } }] }).before;
    const started = Date.now();
    const { results } = await runHooks(hooks, beforeCtx('x'), options);
    expect(Date.now() - started).toBeLessThan(150);
    expect(results[0].checks[0].error?.name).toBe('TimeoutError');
    expect(results[0].verdict).toBe(true);
  });

  it('runs checks in parallel, or in order with sequential', async () => {
    const checks = [{ id: 'test.slowPass' }, { id: 'test.slowPass' }, { id: 'test.slowPass' }];
    let started = Date.now();
    await runHooks(hookPlanOf({ beforeRequestHooks: [{ checks }] }).before, beforeCtx('x'), options);
    expect(Date.now() - started).toBeLessThan(110);
    started = Date.now();
    await runHooks(hookPlanOf({ beforeRequestHooks: [{ checks, sequential: true }] }).before, beforeCtx('x'), options);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('unknown checks, bad parameters and the wrong event are check errors', async () => {
    const hooks = hookPlanOf({ inputGuardrails: [{ 'nope.check': {}, 'default.wordCount': { minWords: 'x' }, 'test.afterOnly': {} }] }).before;
    const [hook] = (await runHooks(hooks, beforeCtx('x'), options)).results;
    expect(hook.checks.map((c) => c.error?.message)).toEqual([
      'unknown check nope.check',
      expect.stringContaining('invalid parameters: $.minWords: expected integer'),
      'test.afterOnly cannot run as a beforeRequestHook',
    ]);
  });

  it('skips disabled checks; a mutator rewrites what later hooks judge', async () => {
    const hooks = hookPlanOf({
      beforeRequestHooks: [{ checks: [{ id: 'default.regexMatch', parameters: { rule: 'never' }, is_enabled: false }] }],
      inputGuardrails: [{ 'default.pii': {} }],
      inputMutators: [{ 'default.pii': { redact: true } }],
    }).before;
    const run = await runHooks(hooks, beforeCtx('mail a@b.io'), options);
    expect(run.results.map((r) => r.verdict)).toEqual([true, true, true]);
    expect(run.results[1].checks).toHaveLength(0);
    expect(JSON.stringify(run.transformed)).toContain('[REDACTED_EMAIL]');
  });

  it('on_fail / on_success feedback names the checks', async () => {
    const hooks = hookPlanOf({ inputGuardrails: [{ 'default.contains': { words: ['x'] }, 'default.wordCount': { maxWords: 1 }, on_fail: { feedback: { value: -10, weight: 1 } }, on_success: { feedback: { value: 1 } } }] }).before;
    const failed = await runHooks(hooks, beforeCtx('two words'), options);
    expect(failed.results[0].feedback).toEqual({ value: -10, weight: 1, metadata: { successfulChecks: '', failedChecks: 'default.contains, default.wordCount', erroredChecks: '' } });
    const passed = await runHooks(hooks, beforeCtx('x'), options);
    expect(passed.results[0].feedback?.value).toBe(1);
  });
});

describe('verdicts', () => {
  it('deny → 446 body, failure without deny → 246, pass → status unchanged', async () => {
    const deny = await runHooks(hookPlanOf({ inputGuardrails: [{ contains: { words: ['x'] }, deny: true }] }).before, beforeCtx('y'), options);
    const soft = await runHooks(hookPlanOf({ inputGuardrails: [{ contains: { words: ['x'] } }] }).before, beforeCtx('y'), options);
    expect(verdictOf(deny.results)).toBe('deny');
    expect(verdictOf(soft.results)).toBe('fail');
    expect(guardedStatus(200, { before_request_hooks: soft.results, after_request_hooks: [] })).toBe(246);
    expect(guardedStatus(200, { before_request_hooks: [], after_request_hooks: [] })).toBe(200);
    expect(deniedBody({ before_request_hooks: deny.results, after_request_hooks: [] })).toMatchObject({
      error: { message: 'The guardrail checks defined in the config failed. You can find more information in the `hook_results` object.', type: 'hooks_failed', param: null, code: null },
      hook_results: { before_request_hooks: [{ verdict: false, deny: true }] },
    });
  });
});
