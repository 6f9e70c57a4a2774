import { randomUUID } from 'node:crypto';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { MembersService } from '../../src/control-plane/workspaces/members.service.js';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Every attempt of a request in its log row (won / aborted / failed / succeeded, with target,
 * provider, model, status and latency), read back through the admin API; and the limits of a
 * virtual key count each hedge that was sent. The mock provider's latencies are scripted per model.
 */
const OWNER = { email: 'hedge-owner@example.com', password: 'correct-horse-battery-staple' };
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let ws: SeededWorkspace;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider();
  gateway = await startControlPlaneGateway(db.url, { controlPlane: { adminApi: true, bootstrapAdmin: OWNER, redisUrl: undefined, requestLog: { flushIntervalMs: 600_000 } } });
  ws = await gateway.seed('Hedged workspace');
  await gateway.get(MembersService).add(ws.workspaceId, { email: OWNER.email, role: 'viewer' }, TEST_ACTOR);
  const login = await fetch(`${gateway.url}/admin/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gateway.url },
    body: JSON.stringify(OWNER),
  });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});
beforeEach(() => mock.reset());

const virtualKey = (name: string) => ws.createVirtualKey({ name, provider: 'openai', secret: { apiKey: 'sk-hedge' }, settings: { customHost: `${mock.url}/v1` } });
const target = (slug: string, model: string) => ({ virtual_key: slug, override_params: { model } });

function send(config: unknown, traceId = `trace-${randomUUID()}`, body?: Record<string, unknown>, via: ControlPlaneGateway = gateway) {
  return chat(via.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': JSON.stringify(config), 'x-portkey-trace-id': traceId }, body);
}

/** The log entry of `traceId` as the admin API's detail view serves it. */
async function loggedDetail(traceId: string): Promise<{ attempts: unknown; status: number; targetPath: string }> {
  const auth = { authorization: `Bearer ${token}` };
  const base = `${gateway.url}/admin/api/v1/workspaces/${ws.workspaceId}/logs`;
  let id: string | undefined;
  await waitFor(async () => {
    await gateway.get(RequestLogWriter).flush();
    const page = (await (await fetch(`${base}?traceId=${traceId}`, { headers: auth })).json()) as { data: { id: string }[] };
    id = page.data[0]?.id;
    return id !== undefined;
  }, 5_000, 20);
  const detail = await fetch(`${base}/${id}`, { headers: auth });
  expect(detail.status).toBe(200);
  return (await detail.json()) as { attempts: unknown; status: number; targetPath: string };
}

describe('attempts in the request log', () => {
  it('a hedged request: the slow first target is logged aborted, the hedge that answered won', async () => {
    const slug = await virtualKey('Hedge log key');
    mock.scenario('log-slow', [{ delayMs: 5_000 }]);
    const traceId = `trace-${randomUUID()}`;
    const answer = await send({ strategy: { mode: 'fallback' }, hedge: { after_ms: 100 }, targets: [target(slug, 'log-slow'), target(slug, 'log-fast')] }, traceId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-portkey-hedge-count')).toBe('1');
    await waitFor(() => mock.requests('log-slow')[0]?.closedEarly === true);

    const entry = await loggedDetail(traceId);
    expect(entry.targetPath).toBe('config.targets[1]');
    expect(entry.attempts).toEqual([
      { target: 'config.targets[0]', retry: 0, provider: 'openai', model: 'log-slow', latencyMs: expect.any(Number), outcome: 'aborted', raced: true },
      { target: 'config.targets[1]', retry: 0, provider: 'openai', model: 'log-fast', status: 200, latencyMs: expect.any(Number), outcome: 'won', raced: true },
    ]);
  });

  it('a fallback without hedging: the failed target and the one that succeeded', async () => {
    const slug = await virtualKey('Fallback log key');
    mock.scenario('log-broken', [{ status: 503 }]);
    const traceId = `trace-${randomUUID()}`;
    const answer = await send({ strategy: { mode: 'fallback' }, targets: [target(slug, 'log-broken'), target(slug, 'log-fine')] }, traceId);
    expect(answer.status).toBe(200);

    const entry = await loggedDetail(traceId);
    expect(entry.attempts).toEqual([
      { target: 'config.targets[0]', retry: 0, provider: 'openai', model: 'log-broken', status: 503, latencyMs: expect.any(Number), outcome: 'failed' },
      { target: 'config.targets[1]', retry: 0, provider: 'openai', model: 'log-fine', status: 200, latencyMs: expect.any(Number), outcome: 'succeeded' },
    ]);
  });

  it('a target that timed out (request_timeout) is logged failed with 408 and why, not aborted', async () => {
    const slug = await virtualKey('Timeout log key');
    mock.scenario('log-hang', [{ hang: true }]);
    const traceId = `trace-${randomUUID()}`;
    const answer = await send({ strategy: { mode: 'fallback' }, targets: [{ ...target(slug, 'log-hang'), request_timeout: 200 }, target(slug, 'log-after')] }, traceId);
    expect(answer.status).toBe(200);

    expect((await loggedDetail(traceId)).attempts).toEqual([
      { target: 'config.targets[0]', retry: 0, provider: 'openai', model: 'log-hang', status: 408, latencyMs: expect.any(Number), outcome: 'failed', error: 'timeout' },
      expect.objectContaining({ target: 'config.targets[1]', status: 200, outcome: 'succeeded' }),
    ]);
  });

  it('retries on one target are attempts too; a request with a single call logs none', async () => {
    const slug = await virtualKey('Retry log key');
    mock.scenario('log-flaky', [{ status: 500 }]);
    const retried = `trace-${randomUUID()}`;
    expect((await send({ ...target(slug, 'log-flaky'), retry: { attempts: 2, on_status_codes: [500] } }, retried)).status).toBe(200);
    const single = `trace-${randomUUID()}`;
    expect((await send(target(slug, 'log-once'), single)).status).toBe(200);

    expect((await loggedDetail(retried)).attempts).toEqual([
      expect.objectContaining({ target: 'config', retry: 0, status: 500, outcome: 'failed' }),
      expect.objectContaining({ target: 'config', retry: 1, status: 200, outcome: 'succeeded' }),
    ]);
    expect((await loggedDetail(single)).attempts).toBeNull();
  });
});

// In memory (this file's gateway) and, when the test services have one, in Redis (a second gateway on the same database).
const stores: [string, string | undefined][] = [['memory', undefined]];
if (process.env.REDIS_URL) stores.push(['Redis', process.env.REDIS_URL]);

describe.each(stores)('limits count each hedge sent (%s store)', (name, redisUrl) => {
  let via: ControlPlaneGateway;
  beforeAll(async () => {
    via = redisUrl ? await startControlPlaneGateway(db.url, { controlPlane: { redisUrl } }) : gateway;
  });
  afterAll(async () => {
    if (via !== gateway) await via?.close();
  });

  it("a request that sent one hedge took 2 from the virtual key's requests per minute; one without took 1", async () => {
    const slug = await virtualKey(`Limited hedge key ${name}`);
    await via.get(UsageLimitsService).put(ws.workspaceId, { scope: 'virtual_key', scopeId: slug, requestsPerMinute: 3 }, TEST_ACTOR);
    await waitFor(() => via.get(LimitsCache).forWorkspace(ws.workspaceId)?.virtualKeys.has(slug) === true, 2_000);
    mock.scenario('rpm-slow', [{ delayMs: 5_000 }]);
    const hedgedConfig = { strategy: { mode: 'fallback' }, hedge: { after_ms: 100 }, targets: [target(slug, 'rpm-slow'), target(slug, 'rpm-fast')] };

    const hedged = await send(hedgedConfig, undefined, undefined, via);
    expect(hedged.status).toBe(200);
    expect(hedged.headers.get('x-portkey-hedge-count')).toBe('1');
    // 3 - 2 (the first call and its hedge) leaves one: a plain request takes it.
    const plain = await send(target(slug, 'rpm-fast'), undefined, undefined, via);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const refused = await send(target(slug, 'rpm-fast'), undefined, undefined, via);
    expect(refused.status).toBe(429);
    expect(mock.count('rpm-fast')).toBe(2);
    expect(mock.count('rpm-slow')).toBe(1);
  });

  it("an aborted hedge's estimated tokens stay spent in its key's budget (it was sent and may be billed); the winner's are its real usage", async () => {
    const hedgedKey = await virtualKey(`Hedged tokens key ${name}`);
    const plainKey = await virtualKey(`Plain tokens key ${name}`);
    for (const slug of [hedgedKey, plainKey]) {
      await via.get(UsageLimitsService).put(ws.workspaceId, { scope: 'virtual_key', scopeId: slug, tokensPerMinute: 100_000 }, TEST_ACTOR);
    }
    await waitFor(() => via.get(LimitsCache).forWorkspace(ws.workspaceId)?.virtualKeys.has(plainKey) === true, 2_000);
    mock.scenario('tpm-slow', [{ delayMs: 5_000 }]);
    const body = { model: 'gpt-4o-mini', max_tokens: 40, messages: [{ role: 'user', content: 'count my tokens' }] };
    // What admission reserves per call: about four bytes of the body per token, plus max_tokens.
    const estimate = Math.ceil(Buffer.byteLength(JSON.stringify(body)) / 4) + 40;

    const hedged = await send({ strategy: { mode: 'fallback' }, hedge: { after_ms: 100 }, targets: [target(hedgedKey, 'tpm-slow'), target(hedgedKey, 'tpm-fast')] }, undefined, body, via);
    expect(hedged.headers.get('x-portkey-hedge-count')).toBe('1');
    expect((await send(target(plainKey, 'tpm-fast'), undefined, body, via)).status).toBe(200);
    await waitFor(() => mock.requests('tpm-slow')[0]?.closedEarly === true);

    // The same probe on each key: the hedged key has the loser's estimate spent on top of the same answer.
    const remaining = async (slug: string) => Number((await send(target(slug, 'tpm-probe'), undefined, body, via)).headers.get('x-ratelimit-remaining-tokens'));
    expect((await remaining(plainKey)) - (await remaining(hedgedKey))).toBe(estimate);
  });
});
