import { FakeExecutor, config, context, instantSleep, resultOf, runSync } from './__fixtures__/fake-executor.js';
import { RouterError } from './router-error.js';
import { createRouter } from './router.js';
import { DIRECT_ROUTE_PLAN } from './route-plan.js';

const leaf = (provider: string, extra: Record<string, unknown> = {}) => ({ provider, api_key: 'k', ...extra });

function router(random = () => 0.5) {
  return createRouter({ random, sleep: instantSleep().sleep });
}

describe('a root leaf (no strategy)', () => {
  it('calls it once and reports path "config" and count 0', () => {
    const executor = FakeExecutor.byPath({ config: 200 });
    const result = resultOf(router().route(config(leaf('openai')), context(), executor));
    expect(result).toMatchObject({ outcome: { status: 200 }, target: { path: 'config' }, retryAttemptCount: 0, attempts: 1 });
  });

  it('routes a provider-less root (provider from headers)', () => {
    const executor = FakeExecutor.byPath({ config: 200 });
    const result = resultOf(router().route(config({ request_timeout: 1000 }), context(), executor));
    expect(result.target.node.provider).toBeUndefined();
    expect(executor.calls).toEqual([{ path: 'config', attempt: 0 }]);
  });

  it('returns an error status as the result (no retry configured): the gateway sends it', () => {
    const executor = FakeExecutor.byPath({ config: 500 });
    expect(resultOf(router().route(config(leaf('openai')), context(), executor))).toMatchObject({ outcome: { status: 500 }, retryAttemptCount: 0 });
  });

  it('routes anew on each subscription (cold)', () => {
    const executor = FakeExecutor.byPath({ config: 200 });
    const route$ = router().route(config(leaf('openai')), context(), executor);
    expect(resultOf(route$).attempts).toBe(1);
    expect(resultOf(route$).attempts).toBe(1);
    expect(executor.calls).toHaveLength(2);
  });
});

describe('single', () => {
  it('always uses targets[0]', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 503 });
    const cfg = config({ strategy: { mode: 'single' }, targets: [leaf('a'), leaf('b')] });
    expect(resultOf(router().route(cfg, context(), executor)).target.path).toBe('config.targets[0]');
    expect(executor.paths).toEqual(['config.targets[0]']);
  });
});

describe('fallback', () => {
  const threeTargets = config({ strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b'), leaf('c')] });

  it('stops at the first 2xx', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 500, 'config.targets[1]': 201, 'config.targets[2]': 200 });
    const result = resultOf(router().route(threeTargets, context(), executor));
    expect(result).toMatchObject({ target: { path: 'config.targets[1]' }, outcome: { status: 201 }, attempts: 2 });
    expect(executor.paths).toEqual(['config.targets[0]', 'config.targets[1]']);
  });

  it('moves on for any non-2xx (4xx included) without on_status_codes', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 400, 'config.targets[1]': 429, 'config.targets[2]': 200 });
    expect(resultOf(router().route(threeTargets, context(), executor)).target.path).toBe('config.targets[2]');
  });

  it('returns the LAST target error, with its status, when all fail, and discards every other outcome', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 500, 'config.targets[1]': 502, 'config.targets[2]': 429 });
    const result = resultOf(router().route(threeTargets, context(), executor));
    expect(result).toMatchObject({ target: { path: 'config.targets[2]' }, outcome: { status: 429, call: 2 }, retryAttemptCount: 0, attempts: 3 });
    expect(executor.discarded.map((o) => o.call)).toEqual([0, 1]);
  });

  it('with on_status_codes, moves on only for the listed codes', () => {
    const cfg = config({ strategy: { mode: 'fallback', on_status_codes: [429, 503] }, targets: [leaf('a'), leaf('b'), leaf('c')] });
    const listed = FakeExecutor.byPath({ 'config.targets[0]': 429, 'config.targets[1]': 500, 'config.targets[2]': 200 });
    const result = resultOf(router().route(cfg, context(), listed));
    // 429 is listed: on to [1]; 500 is not: [1]'s 500 is the answer.
    expect(result).toMatchObject({ target: { path: 'config.targets[1]' }, outcome: { status: 500 } });
    expect(listed.discarded.map((o) => o.status)).toEqual([429]);
  });

  it('stops on a gateway exception', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': { status: 500, gatewayException: true }, 'config.targets[1]': 200 });
    expect(resultOf(router().route(threeTargets, context(), executor)).target.path).toBe('config.targets[0]');
    expect(executor.paths).toEqual(['config.targets[0]']);
  });

  it('falls back through nested strategies and reports the nested path', () => {
    const cfg = config({
      strategy: { mode: 'fallback' },
      targets: [{ strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b')] }, leaf('c')],
    });
    const executor = FakeExecutor.byPath({
      'config.targets[0].targets[0]': 500,
      'config.targets[0].targets[1]': 200,
      'config.targets[1]': 200,
    });
    expect(resultOf(router().route(cfg, context(), executor)).target.path).toBe('config.targets[0].targets[1]');
  });

  it('moves past a nested strategy whose targets all failed', () => {
    const cfg = config({
      strategy: { mode: 'fallback' },
      targets: [{ strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b')] }, leaf('c')],
    });
    const executor = FakeExecutor.byPath({
      'config.targets[0].targets[0]': 500,
      'config.targets[0].targets[1]': 503,
      'config.targets[1]': 200,
    });
    const result = resultOf(router().route(cfg, context(), executor));
    expect(result).toMatchObject({ target: { path: 'config.targets[1]' }, attempts: 3 });
    expect(executor.discarded.map((o) => o.status)).toEqual([500, 503]);
  });

  it('hands each leaf its resolved target (inherited override params)', () => {
    const cfg = config({ override_params: { model: 'x' }, strategy: { mode: 'fallback' }, targets: [leaf('a'), leaf('b', { override_params: { model: 'y' } })] });
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 500, 'config.targets[1]': 200 });
    resultOf(router().route(cfg, context(), executor));
    expect(executor.targets.map((t) => t.overrideParams)).toEqual([{ model: 'x' }, { model: 'y' }]);
  });
});

describe('loadbalance', () => {
  const cfg = config({ strategy: { mode: 'loadbalance' }, targets: [leaf('a', { weight: 1 }), leaf('b', { weight: 0 }), leaf('c', { weight: 3 })] });

  it.each([
    [0, 'config.targets[0]'],
    [0.2499, 'config.targets[0]'],
    [0.25, 'config.targets[2]'],
    [0.9999, 'config.targets[2]'],
  ])('random %p picks %s (weights 1, 0, 3)', (r, path) => {
    const executor = FakeExecutor.byPath({ [path]: 200 });
    expect(resultOf(router(() => r).route(cfg, context(), executor)).target.path).toBe(path);
  });

  it('defaults weights to 1', () => {
    const even = config({ strategy: { mode: 'loadbalance' }, targets: [leaf('a'), leaf('b')] });
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 200, 'config.targets[1]': 200 });
    expect(resultOf(router(() => 0.49).route(even, context(), executor)).target.path).toBe('config.targets[0]');
    expect(resultOf(router(() => 0.5).route(even, context(), executor)).target.path).toBe('config.targets[1]');
  });

  it('does not fall back: the picked target answer stands', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 500 });
    expect(resultOf(router(() => 0).route(cfg, context(), executor))).toMatchObject({ outcome: { status: 500 }, attempts: 1 });
  });

  it('sticks to one target per sticky value', () => {
    const sticky = config({
      strategy: { mode: 'loadbalance', sticky_key: 'metadata.user_id' },
      targets: [leaf('a'), leaf('b'), leaf('c'), leaf('d')],
    });
    const executor = new FakeExecutor(() => 200);
    let draws = 0;
    const r = createRouter({ random: () => (draws++ % 10) / 10 });
    for (const user of ['u-1', 'u-2', 'u-3', 'alice', '42']) {
      const paths = new Set(
        Array.from({ length: 20 }, () => resultOf(r.route(sticky, context({ metadata: { user_id: user } }), executor)).target.path),
      );
      expect(paths.size).toBe(1);
    }
    // Without the key, the random draw decides again.
    const randomPaths = new Set(Array.from({ length: 20 }, () => resultOf(r.route(sticky, context(), executor)).target.path));
    expect(randomPaths.size).toBeGreaterThan(1);
  });
});

describe('conditional', () => {
  const cfg = config({
    strategy: {
      mode: 'conditional',
      conditions: [
        { query: { 'metadata.user_plan': { $eq: 'paid' } }, then: 'premium' },
        { query: { $and: [{ 'params.model': { $regex: '^gpt-4' } }, { 'metadata.tier': { $gte: 2 } }] }, then: 'premium' },
        { query: { 'url.pathname': '/v1/embeddings' }, then: 'embedder' },
      ],
      default: 'basic',
    },
    targets: [leaf('a', { name: 'basic' }), leaf('b', { name: 'premium' }), leaf('c', { name: 'embedder' })],
  });
  const executor = new FakeExecutor(() => 200);

  it.each([
    [{ metadata: { user_plan: 'paid' } }, 'config.targets[1]'],
    [{ metadata: { tier: '3' }, params: { model: 'gpt-4o' } }, 'config.targets[1]'],
    [{ metadata: { tier: '1' }, params: { model: 'gpt-4o' } }, 'config.targets[0]'],
    [{ url: { pathname: '/v1/embeddings' } }, 'config.targets[2]'],
    [{ metadata: { user_plan: 'free' } }, 'config.targets[0]'],
  ])('routes %j to %s', (ctx, path) => {
    expect(resultOf(router().route(cfg, context(ctx), executor)).target.path).toBe(path);
  });

  it('errors with the reference message when nothing matches and there is no default', () => {
    const noDefault = config({
      strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.x': 1 }, then: 'a' }] },
      targets: [leaf('a', { name: 'a' })],
    });
    const { error, values } = runSync(router().route(noDefault, context(), new FakeExecutor(() => 200)));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(RouterError);
    expect((error as RouterError).message).toBe('Query router did not resolve to any valid target');
    expect((error as RouterError).status).toBe(400);
  });

  it('routes into nested strategies under the chosen target', () => {
    const nested = config({
      strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.x': 'y' }, then: 'group' }], default: 'solo' },
      targets: [leaf('a', { name: 'solo' }), { name: 'group', strategy: { mode: 'fallback' }, targets: [leaf('b'), leaf('c')] }],
    });
    const ex = FakeExecutor.byPath({ 'config.targets[1].targets[0]': 500, 'config.targets[1].targets[1]': 200 });
    expect(resultOf(router().route(nested, context({ metadata: { x: 'y' } }), ex)).target.path).toBe('config.targets[1].targets[1]');
  });
});

describe('DIRECT_ROUTE_PLAN (no config header)', () => {
  it('routes one root leaf with no retry, honouring the header timeout only', () => {
    const executor = FakeExecutor.byPath({ config: 503 });
    const result = resultOf(router().route(DIRECT_ROUTE_PLAN, context(), executor));
    expect(result).toMatchObject({ target: { path: 'config', node: {}, overrideParams: {} }, retryAttemptCount: 0, attempts: 1 });
    expect(result.target.retry).toBeUndefined();
    expect(result.target.requestTimeout).toBeUndefined();
  });
});
