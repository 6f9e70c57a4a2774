/**
 * The playground's dry run over HTTP: the route the routing engine would take for a config and a
 * request, with no upstream call. Cases mirror the engine's own (fallback order with retries,
 * loadbalance weights and sticky keys, conditional matches and defaults, timeouts and their
 * header override), for saved configs (with their virtual keys' providers) and drafts.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startAdminApp, testOptions } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('playground dry run', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let token: string;
  let workspaceId: string;
  let upstreamCalls = 0;
  const realFetch = globalThis.fetch;

  async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await app.inject({ method: method as 'POST', url: `/admin/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload: body as Json });
    return { status: response.statusCode, body: JSON.parse(response.body) as Json };
  }
  const dryRun = (body: unknown) => call('POST', `/workspaces/${workspaceId}/playground/dry-run`, body);

  beforeAll(async () => {
    db = await createTestDatabase();
    const owner = { email: 'owner@example.com', password: 'a-long-owner-password' };
    app = await startAdminApp(testOptions(db.url, { bootstrapAdmin: owner }));
    token = (await app.inject({ method: 'POST', url: '/admin/api/v1/auth/login', payload: owner }).then((r) => JSON.parse(r.body))).token;
    workspaceId = (await call('GET', '/auth/me')).body.workspaces[0].id;
    // Any upstream call would go through fetch or undici; count fetch calls to prove there are none.
    globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
      upstreamCalls++;
      return realFetch(...args);
    }) as typeof fetch;
  });

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await app?.close();
    await db?.drop();
  });

  it('fallback: the first target answers; if every call fails, targets in order with their retries', async () => {
    const result = await dryRun({
      config: {
        strategy: { mode: 'fallback' },
        request_timeout: 10_000,
        targets: [
          { provider: 'openai', api_key: 'sk-draft-secret-000', retry: { attempts: 2 }, override_params: { model: 'gpt-4o' } },
          { strategy: { mode: 'fallback', on_status_codes: [503] }, targets: [{ provider: 'anthropic', api_key: 'k', request_timeout: 3000 }, { provider: 'groq', api_key: 'k' }] },
        ],
      },
      request: { body: { model: 'gpt-4o-mini', messages: [] } },
      seed: 7,
    });
    expect(result.status).toBe(200);
    expect(result.body.config).toEqual({ source: 'draft' });
    expect(result.body.route.target).toEqual({
      path: 'config.targets[0]',
      provider: 'openai',
      model: 'gpt-4o',
      retry: { attempts: 2, onStatusCodes: [429, 500, 502, 503, 504], useRetryAfterHeader: false },
      timeoutMs: 10_000,
    });
    expect(result.body.route.decisions).toEqual([{ path: 'config', mode: 'fallback', chosen: 0 }]);
    expect(result.body.route.attemptsIfEveryCallFails.map((a: Json) => [a.target, a.attempt])).toEqual([
      ['config.targets[0]', 0],
      ['config.targets[0]', 1],
      ['config.targets[0]', 2],
      ['config.targets[1].targets[0]', 0],
      ['config.targets[1].targets[1]', 0],
    ]);
    expect(result.body.route.attemptsIfEveryCallFails[1].waitMsBefore).toBeGreaterThanOrEqual(0);
    expect(result.body.plan.children[1]).toMatchObject({ mode: 'fallback', onStatusCodes: [503], children: [{ target: { provider: 'anthropic', timeoutMs: 3000 } }, { target: { provider: 'groq', timeoutMs: 10_000 } }] });
    expect(JSON.stringify(result.body)).not.toContain('sk-draft-secret-000');

    // The inner fallback moves on only for 503: on a 429 it stops at its first target.
    const on429 = await dryRun({ config: { strategy: { mode: 'fallback' }, targets: [{ provider: 'openai', api_key: 'k' }, { strategy: { mode: 'fallback', on_status_codes: [503] }, targets: [{ provider: 'anthropic', api_key: 'k' }, { provider: 'groq', api_key: 'k' }] }] }, failureStatus: 429 });
    expect(on429.body.route.attemptsIfEveryCallFails.map((a: Json) => a.target)).toEqual(['config.targets[0]', 'config.targets[1].targets[0]']);
  });

  it('loadbalance: weights and shares; a weight of 0 is never chosen; draws follow the weights', async () => {
    const config = { strategy: { mode: 'loadbalance' }, targets: [{ provider: 'openai', api_key: 'k', weight: 3 }, { provider: 'anthropic', api_key: 'k', weight: 1 }, { provider: 'groq', api_key: 'k', weight: 0 }] };
    const first = await dryRun({ config, seed: 1 });
    expect(first.body.plan.weights).toEqual([
      { weight: 3, share: 0.75 },
      { weight: 1, share: 0.25 },
      { weight: 0, share: 0 },
    ]);
    expect((await dryRun({ config, seed: 1 })).body.route.target.path).toBe(first.body.route.target.path); // seeded: repeatable
    const unseeded = await dryRun({ config });
    expect((await dryRun({ config, seed: unseeded.body.seed })).body.route.target.path).toBe(unseeded.body.route.target.path);
    const counts = [0, 0, 0];
    for (let seed = 0; seed < 200; seed++) {
      const { body } = await dryRun({ config, seed });
      counts[body.route.decisions[0].chosen]++;
      expect(body.route.decisions[0]).toMatchObject({ mode: 'loadbalance', sticky: null });
    }
    expect(counts[2]).toBe(0);
    expect(counts[0]).toBeGreaterThan(120); // 150 expected (3:1), binomial sd ≈ 6
    expect(counts[0]).toBeLessThan(180);
  });

  it('loadbalance with a sticky key: the same user lands on the same target, whatever the draw', async () => {
    const config = { strategy: { mode: 'loadbalance', sticky_key: 'metadata.user_id' }, targets: [{ provider: 'openai', api_key: 'k' }, { provider: 'anthropic', api_key: 'k' }] };
    const paths = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const { body } = await dryRun({ config, seed, request: { headers: { 'x-portkey-metadata': '{"user_id":"u-42"}' } } });
      paths.add(body.route.target.path);
      expect(body.route.decisions[0].sticky).toEqual({ key: 'metadata.user_id', value: 'u-42' });
    }
    expect(paths.size).toBe(1);
  });

  it('conditional: names the condition that matched, or the default; no match and no default is the gateway’s 400', async () => {
    const config = {
      strategy: {
        mode: 'conditional',
        conditions: [
          { query: { 'metadata.plan': { $eq: 'pro' } }, then: 'best' },
          { query: { $or: [{ 'params.model': { $regex: '^mini' } }, { 'metadata.tier': { $in: ['free', 'trial'] } }] }, then: 'cheap' },
        ],
        default: 'cheap',
      },
      targets: [
        { name: 'best', provider: 'anthropic', api_key: 'k' },
        { name: 'cheap', provider: 'groq', api_key: 'k' },
      ],
    };
    const pro = await dryRun({ config, request: { metadata: { plan: 'pro' } } });
    expect(pro.body.route.target).toMatchObject({ path: 'config.targets[0]', name: 'best', provider: 'anthropic' });
    expect(pro.body.route.decisions[0]).toEqual({ path: 'config', mode: 'conditional', chosen: 0, matchedCondition: { index: 0, query: { 'metadata.plan': { $eq: 'pro' } }, then: 'best' } });
    expect(pro.body.plan.conditions.map((c: Json) => c.matched)).toEqual([true, false]);

    const mini = await dryRun({ config, request: { body: { model: 'mini-1' }, metadata: { plan: 'pro' } }, seed: 1 });
    expect(mini.body.route.decisions[0].matchedCondition.index).toBe(0); // first match wins
    const trial = await dryRun({ config, request: { headers: { 'x-portkey-metadata': '{"tier":"trial"}' } } });
    expect(trial.body.route.decisions[0]).toMatchObject({ chosen: 1, matchedCondition: { index: 1, then: 'cheap' } });
    const other = await dryRun({ config, request: { metadata: { plan: 'basic' } } });
    expect(other.body.route.decisions[0]).toMatchObject({ chosen: 1, matchedCondition: null });

    const { default: _ignored, ...strict } = config.strategy;
    const nowhere = await dryRun({ config: { ...config, strategy: strict }, request: { metadata: { plan: 'basic' } } });
    expect(nowhere).toMatchObject({ status: 200, body: { route: null, error: { status: 400, message: 'Query router did not resolve to any valid target' } } });
  });

  it('x-portkey-request-timeout overrides every target’s timeout, as in the gateway', async () => {
    const { body } = await dryRun({ config: { provider: 'openai', api_key: 'k', request_timeout: 5000 }, request: { headers: { 'x-portkey-request-timeout': '1500' } } });
    expect(body.route.target).toMatchObject({ path: 'config', timeoutMs: 1500 });
  });

  it('dry-runs a saved config by id (or pc-… header), current or an earlier version, showing its virtual keys’ providers', async () => {
    const vk = await call('POST', `/workspaces/${workspaceId}/virtual-keys`, { name: 'Claude', provider: 'anthropic', secret: { apiKey: 'sk-ant-000000000000000' } });
    const saved = await call('POST', `/workspaces/${workspaceId}/configs`, { name: 'prod', config: { strategy: { mode: 'fallback' }, targets: [{ virtual_key: vk.body.slug }, { virtual_key: vk.body.slug, retry: { attempts: 1 } }] } });
    await call('PATCH', `/workspaces/${workspaceId}/configs/${saved.body.id}`, { config: { virtual_key: vk.body.slug } });

    const current = await dryRun({ configId: saved.body.id });
    expect(current.body.config).toEqual({ source: 'saved', id: saved.body.id, version: 2 });
    expect(current.body.route.target).toMatchObject({ path: 'config', virtualKey: vk.body.slug, provider: 'anthropic' });
    const v1 = await dryRun({ configId: saved.body.id, version: 1 });
    expect(v1.body.route.attemptsIfEveryCallFails.map((a: Json) => a.target)).toEqual(['config.targets[0]', 'config.targets[1]', 'config.targets[1]']);
    const viaHeader = await dryRun({ request: { headers: { 'x-portkey-config': saved.body.id } } });
    expect(viaHeader.body.config).toMatchObject({ source: 'saved', version: 2 });

    const missing = await dryRun({ config: { virtual_key: 'no-such-key-123' } });
    expect(missing.body.route.target).toMatchObject({ virtualKey: 'no-such-key-123', virtualKeyMissing: true, provider: null });
    expect((await dryRun({ configId: 'pc-not-here-000000' })).status).toBe(404);
  });

  it('answers invalid configs and requests like the admin API does: 400 naming the field', async () => {
    const bad = await dryRun({ config: { strategy: { mode: 'nope' }, targets: [{ provider: 'openai' }] } });
    expect(bad).toMatchObject({ status: 400, body: { status: 'failure', message: 'Invalid config passed', field: 'config' } });
    expect(bad.body.errors[0]).toMatch(/^path: strategy,mode, message: /);
    const provider = await dryRun({ config: { provider: 'not-a-provider', api_key: 'k' } });
    expect(provider.body.errors).toEqual(['path: provider, message: Invalid provider passed: not-a-provider']);
    expect((await dryRun({ config: { provider: 'openai' }, request: { headers: { 'x-portkey-metadata': 'nope' } } })).body.field).toBe('request.headers.x-portkey-metadata');
    expect((await dryRun({})).body.field).toBe('config');
    expect((await dryRun({ config: {}, configId: 'pc-x' })).body.field).toBe('config');
  });

  it('made no upstream call in any of the above', () => {
    expect(upstreamCalls).toBe(0);
  });
});
