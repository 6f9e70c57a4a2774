import fc from 'fast-check';
import { EMPTY, throwError } from 'rxjs';
import { FakeExecutor, config, context, instantSleep, resultOf, runSync, type FakeOutcome } from './__fixtures__/fake-executor.js';
import { EmptyOutcomeError } from './attempt.js';
import { CircuitBreakerRegistry } from './circuit-breaker.js';
import { routingHeaders } from './response-headers.js';
import { createRouter } from './router.js';
import type { LeafExecutor } from './router.types.js';

/** Random routing trees of every mode but conditional, with random retry settings. */
const treeArb = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      { provider: fc.constantFrom('a', 'b', 'c'), retry: fc.record({ attempts: fc.integer({ min: 0, max: 3 }) }) },
      { requiredKeys: ['provider'] },
    ),
    fc.record({
      strategy: fc.record({ mode: fc.constantFrom('single', 'fallback', 'loadbalance') }),
      targets: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).node;

describe('routing invariants (property)', () => {
  it('every outcome an executor produced is either the result or discarded, exactly once', () => {
    const status = fc.constantFrom(200, 400, 429, 500, 503);
    fc.assert(
      fc.property(treeArb, fc.array(status, { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (tree, statuses, r) => {
        const executor = new FakeExecutor((_path, _attempt, call) => statuses[call % statuses.length]);
        const router = createRouter({ random: () => r, sleep: instantSleep().sleep });
        const result = resultOf(router.route(config(tree), context(), executor));

        const produced = executor.calls.map((_, i) => i);
        const used = [result.outcome.call, ...executor.discarded.map((o) => o.call)].sort((a, b) => a - b);
        expect(used).toEqual(produced);
        expect(result.attempts).toBe(executor.calls.length);
        expect(executor.calls[result.outcome.call].path).toBe(result.target.path);
      }),
      { numRuns: 300 },
    );
  });
});

describe('executor misbehaviour', () => {
  const cfg = config({ provider: 'openai' });
  const base = { timeoutOutcome: () => ({ status: 408, call: -1, path: 'config' }), discard: () => undefined };

  it('an executor error fails the route with that error', () => {
    const boom = new Error('socket exploded');
    const executor: LeafExecutor<FakeOutcome> = { ...base, execute: () => throwError(() => boom) };
    expect(runSync(createRouter().route(cfg, context(), executor)).error).toBe(boom);
  });

  it('an executor that completes without an outcome fails the route clearly', () => {
    const executor: LeafExecutor<FakeOutcome> = { ...base, execute: () => EMPTY };
    const { error } = runSync(createRouter().route(cfg, context(), executor));
    expect(error).toBeInstanceOf(EmptyOutcomeError);
    expect((error as Error).message).toBe('LeafExecutor.execute completed without an outcome for config');
  });

  it('an executor error frees a half-open probe slot', () => {
    let t = 0;
    const breakers = new CircuitBreakerRegistry({ failureThreshold: 1, cooldownMs: 10, now: () => t });
    breakers.onAttemptEnd('openai', true, false);
    t = 10;
    const executor: LeafExecutor<FakeOutcome> = { ...base, execute: () => throwError(() => new Error('x')) };
    runSync(createRouter({ breakers, breakerKey: (l) => l.node.provider }).route(cfg, context(), executor));
    expect(breakers.isAvailable('openai')).toBe(true);
  });

  it('a gateway exception is not a provider failure', () => {
    const breakers = new CircuitBreakerRegistry({ failureThreshold: 1 });
    const executor = FakeExecutor.byPath({ config: { status: 500, gatewayException: true } });
    resultOf(createRouter({ breakers }).route(cfg, context(), executor));
    expect(breakers.snapshot()).toEqual([]);
  });
});

describe('routingHeaders', () => {
  it('gives the reference response headers', () => {
    const router = createRouter({ sleep: instantSleep().sleep, random: () => 0 });
    const cfg = config({ retry: { attempts: 1 }, strategy: { mode: 'fallback' }, targets: [{ provider: 'a' }, { strategy: { mode: 'single' }, targets: [{ provider: 'b' }] }] });
    const result = resultOf(router.route(cfg, context(), FakeExecutor.byPath({ 'config.targets[0]': 500, 'config.targets[1].targets[0]': 503 })));
    expect(routingHeaders(result)).toEqual({
      'x-portkey-last-used-option-index': 'config.targets[1].targets[0]',
      'x-portkey-retry-attempt-count': '-1',
    });
  });
});
