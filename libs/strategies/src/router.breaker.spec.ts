import { FakeExecutor, config, context, instantSleep, resultOf } from './__fixtures__/fake-executor.js';
import { CircuitBreakerRegistry } from './circuit-breaker.js';
import { inVirtualTime } from './__fixtures__/virtual-time.js';
import { resolveLeaves } from './route-plan.js';
import { createRouter, defaultBreakerKey } from './router.js';
import type { LeafTarget } from './router.types.js';

function setup(random = () => 0) {
  const clock = { t: 0 };
  const breakers = new CircuitBreakerRegistry({ failureThreshold: 2, windowMs: 10_000, cooldownMs: 1_000, now: () => clock.t });
  const router = createRouter({ random, sleep: instantSleep().sleep, breakers, breakerKey: (t: LeafTarget) => t.node.provider });
  return { clock, breakers, router };
}

const fallback = config({ strategy: { mode: 'fallback' }, targets: [{ provider: 'a' }, { provider: 'b' }] });

describe('circuit breakers in routing', () => {
  it('counts 5xx and connection errors as failures, and opens the breaker', () => {
    const { breakers, router } = setup();
    const executor = FakeExecutor.byPath({ config: [500, { status: 502, transportError: true }] });
    const single = config({ provider: 'a' });
    resultOf(router.route(single, context(), executor));
    expect(breakers.state('a')).toBe('closed');
    resultOf(router.route(single, context(), executor));
    expect(breakers.snapshot()).toEqual([{ key: 'a', state: 'open', failures: 2, openedAt: 0 }]);
  });

  it('does not count a 429 (or any 4xx) as a failure', () => {
    const { breakers, router } = setup();
    const executor = FakeExecutor.byPath({ config: [429, 429, 400, 429] });
    for (let i = 0; i < 4; i++) resultOf(router.route(config({ provider: 'a' }), context(), executor));
    expect(breakers.state('a')).toBe('closed');
  });

  it('counts a timeout as a failure', () => {
    const { breakers, router } = setup();
    const executor = FakeExecutor.byPath({ config: { hang: true } });
    inVirtualTime(() => router.route(config({ provider: 'a', request_timeout: 10, retry: { attempts: 1 } }), context(), executor));
    expect(breakers.state('a')).toBe('open');
  });

  it('skips an open target in fallback, so a dead provider costs nothing', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 503, 'config.targets[1]': 200 });
    resultOf(router.route(fallback, context(), executor));
    resultOf(router.route(fallback, context(), executor));
    expect(executor.paths).toEqual(['config.targets[0]', 'config.targets[1]', 'config.targets[0]', 'config.targets[1]']);
    // Now open: the third request goes straight to b, and still reports b's path.
    const result = resultOf(router.route(fallback, context(), executor));
    expect(executor.paths.slice(4)).toEqual(['config.targets[1]']);
    expect(result).toMatchObject({ target: { path: 'config.targets[1]' }, attempts: 1 });
  });

  it('skips an open target in loadbalance', () => {
    const { breakers, router } = setup(() => 0);
    breakers.onAttemptEnd('a', true, false);
    breakers.onAttemptEnd('a', true, false);
    const lb = config({ strategy: { mode: 'loadbalance' }, targets: [{ provider: 'a', weight: 9 }, { provider: 'b' }] });
    const executor = new FakeExecutor(() => 200);
    for (let i = 0; i < 5; i++) expect(resultOf(router.route(lb, context(), executor)).target.path).toBe('config.targets[1]');
  });

  it('still calls an open target when there is no alternative', () => {
    const { breakers, router } = setup();
    breakers.onAttemptEnd('a', true, false);
    breakers.onAttemptEnd('a', true, false);
    breakers.onAttemptEnd('b', true, false);
    breakers.onAttemptEnd('b', true, false);
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 500, 'config.targets[1]': 200, config: 200 });
    expect(resultOf(router.route(fallback, context(), executor)).target.path).toBe('config.targets[1]');
    expect(executor.paths).toEqual(['config.targets[0]', 'config.targets[1]']);
    // A success through an open breaker proves the provider alive.
    expect(breakers.state('b')).toBe('closed');
    resultOf(router.route(config({ provider: 'a' }), context(), executor));
    expect(breakers.state('a')).toBe('closed');
  });

  it('probes a half-open target once, then closes it on success', () => {
    const { breakers, clock, router } = setup();
    breakers.onAttemptEnd('a', true, false);
    breakers.onAttemptEnd('a', true, false);
    clock.t = 1_000;
    expect(breakers.state('a')).toBe('half-open');
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 200, 'config.targets[1]': 200 });
    expect(resultOf(router.route(fallback, context(), executor)).target.path).toBe('config.targets[0]');
    expect(breakers.state('a')).toBe('closed');
  });

  it('sends other requests elsewhere while the probe is in flight, and re-opens when it fails', () => {
    const { breakers, clock, router } = setup();
    breakers.onAttemptEnd('a', true, false);
    breakers.onAttemptEnd('a', true, false);
    clock.t = 1_000;
    const executor = FakeExecutor.byPath({ 'config.targets[0]': { status: 503, delayMs: 100 }, 'config.targets[1]': 200 });
    let secondPath = '';
    inVirtualTime(() => router.route(fallback, context(), executor), {
      during: [[50, () => (secondPath = resultOf(router.route(fallback, context(), new FakeExecutor(() => 200))).target.path)]],
    });
    expect(secondPath).toBe('config.targets[1]');
    expect(breakers.state('a')).toBe('open');
  });

  it('frees the probe when the request is cancelled', () => {
    const { breakers, clock, router } = setup();
    breakers.onAttemptEnd('a', true, false);
    breakers.onAttemptEnd('a', true, false);
    clock.t = 1_000;
    const executor = FakeExecutor.byPath({ 'config.targets[0]': { delayMs: 100 } });
    inVirtualTime(() => router.route(fallback, context(), executor), { unsubscribeAt: 10 });
    expect(executor.aborted).toHaveLength(1);
    expect(breakers.isAvailable('a')).toBe(true);
  });

  it('skips a nested strategy whose leaves are all open', () => {
    const { breakers, router } = setup();
    for (const key of ['a', 'b']) {
      breakers.onAttemptEnd(key, true, false);
      breakers.onAttemptEnd(key, true, false);
    }
    const nested = config({
      strategy: { mode: 'fallback' },
      targets: [{ strategy: { mode: 'loadbalance' }, targets: [{ provider: 'a' }, { provider: 'b' }] }, { provider: 'c' }],
    });
    const executor = FakeExecutor.byPath({ 'config.targets[1]': 200 });
    expect(resultOf(router.route(nested, context(), executor)).target.path).toBe('config.targets[1]');
  });
});

describe('defaultBreakerKey', () => {
  it('separates providers, hosts and deployments, and has no key without a provider', () => {
    const [a, b, c] = resolve({
      strategy: { mode: 'fallback' },
      targets: [
        { provider: 'azure-openai', resource_name: 'r1', deployment_id: 'd' },
        { provider: 'azure-openai', resource_name: 'r2', deployment_id: 'd' },
        { provider: 'openai', custom_host: 'http://proxy:8080/v1' },
      ],
    });
    expect(new Set([defaultBreakerKey(a), defaultBreakerKey(b), defaultBreakerKey(c)]).size).toBe(3);
    expect(defaultBreakerKey(resolve({ retry: { attempts: 1 } })[0])).toBeUndefined();
  });
});

function resolve(value: unknown): LeafTarget[] {
  return resolveLeaves(config(value));
}
