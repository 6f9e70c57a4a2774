/**
 * Limits per saved config, end to end: a limit attached to `pc-…` applies to requests that use
 * that config (x-portkey-config), whichever API key sends them, and to no other request. Two
 * gateways sharing Postgres and Redis, and one gateway with the in-memory store, run the same
 * suite. The limit is set through the admin HTTP API (an admin API key) and reaches every replica
 * through the invalidation bus; GET /limits/usage then reports what the gateways counted.
 */
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { TEST_ACTOR, type SeededWorkspace, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, chat, startControlPlaneGateway } from '../gateway-control-plane/support/control-plane-gateway.js';

jest.setTimeout(90_000);

const REDIS_URL = process.env.REDIS_URL;
const SLOW = 'cfg-limit-slow'; // held 1 s, so every admission is decided before any settles

const variants: [string, string | undefined, number][] = [['in-memory store, one gateway', undefined, 1]];
if (REDIS_URL) variants.unshift(['Redis store, two gateways', REDIS_URL, 2]);
else {
  describe.skip(`config limits across replicas (Redis): ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`, () => {
    it('is skipped without Redis', () => undefined);
  });
}

describe.each(variants)('limits per saved config (%s)', (_name, redisUrl, replicas) => {
  let db: TestDatabase;
  let mock: MockProvider;
  let gateways: ControlPlaneGateway[];
  let ws: SeededWorkspace;
  let configId: string;
  let otherConfigId: string;
  let adminKey: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    mock = await startMockProvider({ port: 0 });
    gateways = [];
    for (let i = 0; i < replicas; i++) gateways.push(await startControlPlaneGateway(db.url, { controlPlane: { redisUrl, adminApi: true } }));
    ws = await gateways[0].seed('Config limits');
    const slug = await ws.createVirtualKey({ name: 'Mock', provider: 'openai', secret: { apiKey: 'sk-cfg' }, settings: { customHost: `${mock.url}/v1` } });
    configId = await ws.createConfig('Support bot', { virtual_key: slug, override_params: { model: SLOW } });
    otherConfigId = await ws.createConfig('Batch jobs', { virtual_key: slug, override_params: { model: SLOW } });
    adminKey = (await gateways[0].get(ApiKeysService).create(ws.workspaceId, { name: 'automation', kind: 'admin' }, TEST_ACTOR)).key;
  });
  afterAll(async () => {
    for (const g of gateways ?? []) await g.close();
    await mock?.close();
    await db?.drop();
  });
  beforeEach(() => {
    mock.reset();
    mock.scenario(SLOW, [{ delayMs: 1000 }], { repeatLast: true });
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${gateways[0].url}/admin/api/v1/workspaces/${ws.workspaceId}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('exactly the limit passes among requests using the config; other configs and plain requests are not counted', async () => {
    const put = await admin('PUT', '/limits', { scope: 'config', scopeId: configId, requestsPerMinute: 5 });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ scope: 'config', scopeId: configId, requestsPerMinute: 5 });
    for (const g of gateways) await waitFor(() => g.get(LimitsCache).forWorkspace(ws.workspaceId)?.configs.has(configId) === true, 2_000);

    // A second gateway API key: the config's limit is the config's, whoever sends the request.
    const { key: otherKey } = await gateways[0].get(ApiKeysService).create(ws.workspaceId, { name: 'second app' }, TEST_ACTOR);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        chat(gateways[i % gateways.length].url, { 'x-portkey-api-key': i % 4 === 0 ? otherKey : ws.apiKey, 'x-portkey-config': configId }),
      ),
    );
    const passed = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect({ passed: passed.length, refused: refused.length }).toEqual({ passed: 5, refused: 11 });
    for (const r of refused) {
      expect(r.json).toEqual({ status: 'failure', message: expect.stringMatching(new RegExp(`requests per minute of config ${configId} \\(limit 5\\)`)) });
      expect(r.headers.get('x-ratelimit-limit-requests')).toBe('5');
      expect(r.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    for (const p of passed) expect(p.headers.get('x-ratelimit-limit-requests')).toBe('5');

    // Another saved config of the same workspace, and a request without a config: no limit applies.
    const other = await chat(gateways[0].url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': otherConfigId });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-limit-requests')).toBeNull();
    const plain = await chat(gateways[gateways.length - 1].url, {
      'x-portkey-api-key': ws.apiKey,
      'x-portkey-provider': 'openai',
      authorization: 'Bearer sk-plain',
      'x-portkey-custom-host': `${mock.url}/v1`,
    }, { model: SLOW });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-ratelimit-limit-requests')).toBeNull();

    // The console's view: what the gateways counted against the limit, nothing in flight.
    await waitFor(async () => {
      const usage = (await (await admin('GET', '/limits/usage')).json()) as { scope: string; requestsPerMinute?: { used: number; limit: number } }[];
      return usage.find((u) => u.scope === 'config')?.requestsPerMinute?.used === 5;
    }, 5_000, 50);
    const usage = await gateways[0].get(UsageLimitsService).usage(ws.workspaceId);
    expect(usage).toEqual([expect.objectContaining({ scope: 'config', scopeId: configId, requestsPerMinute: { used: 5, limit: 5 } })]);
    expect(usage[0].concurrentRequests).toBeUndefined(); // not limited, not shown
  });

  it('concurrency and tokens per config: in-flight requests count until their answers settle', async () => {
    await gateways[0].get(UsageLimitsService).put(ws.workspaceId, { scope: 'config', scopeId: otherConfigId, concurrentRequests: 3, tokensPerMinute: 1_000_000 }, TEST_ACTOR);
    for (const g of gateways) await waitFor(() => g.get(LimitsCache).forWorkspace(ws.workspaceId)?.configs.has(otherConfigId) === true, 2_000);
    const inFlight = Array.from({ length: 3 }, (_, i) => chat(gateways[i % gateways.length].url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': otherConfigId }));
    // While three are held by the mock, the usage shows them and a fourth is refused.
    await waitFor(async () => (await gateways[0].get(UsageLimitsService).usage(ws.workspaceId)).find((u) => u.scopeId === otherConfigId)?.concurrentRequests?.used === 3, 5_000, 20);
    const fourth = await chat(gateways[gateways.length - 1].url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': otherConfigId });
    expect(fourth.status).toBe(429);
    expect(fourth.json.message).toMatch(new RegExp(`concurrent requests of config ${otherConfigId}`));
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const reported = answers.reduce((sum, a) => sum + a.json.usage.prompt_tokens + a.json.usage.completion_tokens, 0);
    // Settled: no slot held, and the tokens are the answers' real usage, not the estimates.
    await waitFor(async () => {
      const u = (await gateways[0].get(UsageLimitsService).usage(ws.workspaceId)).find((x) => x.scopeId === otherConfigId);
      return u?.concurrentRequests?.used === 0 && u.tokensPerMinute?.used === reported;
    }, 5_000, 20);
  });

  it('a config of another workspace, or one that does not exist, cannot be limited', async () => {
    const missing = await admin('PUT', '/limits', { scope: 'config', scopeId: 'pc-nope-000000', requestsPerMinute: 1 });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: expect.stringMatching(/Config not found/) });
    const other = await gateways[0].seed('Other workspace');
    const foreign = await other.createConfig('Theirs', { provider: 'openai' });
    const theirs = await admin('PUT', '/limits', { scope: 'config', scopeId: foreign, requestsPerMinute: 1 });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toMatchObject({ message: expect.stringMatching(/Config not found/) });
  });
});
