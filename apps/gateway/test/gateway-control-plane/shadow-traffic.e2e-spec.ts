import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { ConfigsService } from '../../src/control-plane/configs/configs.service.js';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { ShadowOutcomeWriter } from '../../src/control-plane/shadow/shadow-outcome.writer.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { ShadowTraffic } from '../../src/shadow/shadow-traffic.js';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Shadow traffic through the gateway, against the mock provider (latencies and failures scripted
 * per model): a saved config's `shadow` sends a share of its requests, after the answer, to
 * another saved config; the client sees only the primary's answer; `shadow_outcomes` holds both
 * outcomes side by side; the sample rate holds; a full shadow queue drops instead of growing.
 *
 * The comparison writer's timer is set far out: rows appear when a test flushes.
 */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let a: SeededWorkspace;
let slug: string;
let prisma: PrismaService;
let adminKey: string;

const ids: Record<string, string> = {};

async function idle(gw: ControlPlaneGateway): Promise<void> {
  const traffic = gw.get(ShadowTraffic);
  await waitFor(() => traffic.stats().running === 0 && traffic.stats().queued === 0, 20_000, 10);
  await gw.get(ShadowOutcomeWriter).flush();
}

const headersFor = (configId: string) => ({ 'x-portkey-api-key': a.apiKey, 'x-portkey-config': configId });

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url, {
    gateway: { shadowConcurrency: 8, shadowQueue: 1_000 },
    controlPlane: { adminApi: true, shadowOutcomes: { flushIntervalMs: 600_000 }, requestLog: { flushIntervalMs: 600_000 } },
  });
  prisma = gateway.get(PrismaService);
  a = await gateway.seed('Shadow workspace');
  adminKey = (await gateway.get(ApiKeysService).create(a.workspaceId, { name: 'automation', kind: 'admin' }, TEST_ACTOR)).key;
  slug = await a.createVirtualKey({ name: 'Mock', provider: 'openai', secret: { apiKey: 'sk-shadow' }, settings: { customHost: `${mock.url}/v1` } });
  const leaf = (model: string, extra: Record<string, unknown> = {}) => ({ virtual_key: slug, override_params: { model }, ...extra });
  // The shadow config sets a cache: shadows must still never read or fill it.
  ids.candidate = await a.createConfig('Candidate', leaf('gpt-4o', { cache: { mode: 'simple' } }));
  ids.primary = await a.createConfig('Primary', leaf('gpt-4o-mini', { shadow: { config_id: ids.candidate, sample_rate: 1 } }));
  ids.broken = await a.createConfig('Broken candidate', leaf('sh-broken'));
  ids.primaryBroken = await a.createConfig('Primary with a broken shadow', leaf('gpt-4o-mini', { shadow: { config_id: ids.broken, sample_rate: 1 } }));
  ids.quarter = await a.createConfig('Quarter candidate', leaf('sh-quarter'));
  ids.primaryQuarter = await a.createConfig('Primary shadowing a quarter', leaf('pr-quarter', { shadow: { config_id: ids.quarter, sample_rate: 0.25 } }));
  ids.slow = await a.createConfig('Slow candidate', leaf('sh-slow'));
  ids.primarySlow = await a.createConfig('Primary with a slow shadow', leaf('pr-fast', { shadow: { config_id: ids.slow, sample_rate: 1 } }));
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});
beforeEach(() => mock.reset());

describe('saving a shadow', () => {
  it('refuses a shadow config that does not exist in the workspace, or the config itself', async () => {
    const configs = gateway.get(ConfigsService);
    await expect(
      configs.create(a.workspaceId, { name: 'x', config: { virtual_key: slug, shadow: { config_id: 'pc-missing-000000', sample_rate: 0.5 } } }, TEST_ACTOR),
    ).rejects.toThrow(/no saved config "pc-missing-000000"/);
    await expect(
      configs.update(a.workspaceId, ids.candidate, { config: { virtual_key: slug, shadow: { config_id: ids.candidate, sample_rate: 0.5 } } }, TEST_ACTOR),
    ).rejects.toThrow(/cannot shadow itself/);
    await expect(
      configs.create(a.workspaceId, { name: 'y', config: { virtual_key: slug, shadow: { config_id: ids.candidate, sample_rate: 2 } } }, TEST_ACTOR),
    ).rejects.toThrow(/Invalid config/);
  });
});

describe('shadow traffic', () => {
  it('logs both outcomes side by side; the client gets the primary answer; the shadow never streams and never uses the cache', async () => {
    const first = await chat(gateway.url, headersFor(ids.primary), { messages: [{ role: 'user', content: 'the same question twice' }] });
    const second = await chat(gateway.url, headersFor(ids.primary), { messages: [{ role: 'user', content: 'the same question twice' }] });
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.json.model).toBe('gpt-4o-mini');
    }
    await idle(gateway);

    // Both identical shadow requests reached the provider: no cache hit, and nothing stored for later.
    expect(mock.count('gpt-4o')).toBe(2);
    expect(mock.requests('gpt-4o').every((r) => (r.body as { stream?: boolean }).stream === undefined)).toBe(true);

    const traceId = first.headers.get('x-portkey-trace-id')!;
    const row = await prisma.shadowOutcome.findFirstOrThrow({ where: { traceId } });
    expect(row).toMatchObject({
      workspaceId: a.workspaceId,
      source: 'shadow',
      path: '/v1/chat/completions',
      primaryConfigId: ids.primary,
      primaryConfigVersion: 1,
      primaryProvider: 'openai',
      primaryModel: 'gpt-4o-mini',
      primaryStatus: 200,
      shadowConfigId: ids.candidate,
      shadowConfigVersion: 1,
      shadowProvider: 'openai',
      shadowModel: 'gpt-4o',
      shadowStatus: 200,
      shadowError: null,
      // The mock answers both with the same echo of the prompt.
      similarity: 1,
    });
    expect(row.primaryLatencyMs).toBeGreaterThanOrEqual(0);
    expect(row.shadowLatencyMs).toBeGreaterThanOrEqual(0);
    expect(row.primaryPromptTokens).toBeGreaterThan(0);
    expect(row.shadowCompletionTokens).toBeGreaterThan(0);
    // Priced per side from its own model: gpt-4o costs more than gpt-4o-mini for the same tokens.
    expect(Number(row.shadowCostUsd)).toBeGreaterThan(Number(row.primaryCostUsd));
    expect(Number(row.primaryCostUsd)).toBeGreaterThan(0);

    // The request log has the client's request only: a shadow is not a request of the app.
    await gateway.get(RequestLogWriter).flush();
    expect(await prisma.requestLog.count({ where: { traceId } })).toBe(1);
  });

  it('scores disagreement when the shadow answers something else', async () => {
    mock.scenario('gpt-4o', [{ body: { id: 'x', object: 'chat.completion', model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'Bonjour from the other model' }, finish_reason: 'stop' }] } }], { repeatLast: true });
    const answer = await chat(gateway.url, headersFor(ids.primary), { messages: [{ role: 'user', content: 'hello gateway' }] });
    expect(answer.json.choices[0].message.content).toBe('Hello from mock openai: hello gateway');
    await idle(gateway);
    const row = await prisma.shadowOutcome.findFirstOrThrow({ where: { traceId: answer.headers.get('x-portkey-trace-id')! } });
    // {hello, from, mock, openai, gateway} vs {bonjour, from, the, other, model}: 1 shared of 9.
    expect(row.similarity).toBeCloseTo(1 / 9, 6);
  });

  it('gives the client only the primary answer when the shadow fails, and logs the failure', async () => {
    mock.scenario('sh-broken', [{ status: 500 }], { repeatLast: true });
    const answer = await chat(gateway.url, headersFor(ids.primaryBroken));
    expect(answer.status).toBe(200);
    expect(answer.json.choices[0].message.content).toMatch(/^Hello from mock openai/);
    expect(answer.headers.get('x-portkey-last-used-option-index')).toBe('config');
    await idle(gateway);
    expect(mock.count('sh-broken')).toBe(1);
    const row = await prisma.shadowOutcome.findFirstOrThrow({ where: { traceId: answer.headers.get('x-portkey-trace-id')! } });
    expect(row).toMatchObject({ primaryStatus: 200, shadowStatus: 500, similarity: null });
    expect(row.shadowError).toBeTruthy();
  });

  it('shadows a streamed request without streaming it; the client gets its stream', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersFor(ids.primary) },
      body: JSON.stringify({ model: 'x', stream: true, messages: [{ role: 'user', content: 'stream me' }] }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await response.text()).toContain('data: [DONE]');
    await idle(gateway);
    expect(mock.requests('gpt-4o').map((r) => (r.body as { stream?: boolean }).stream)).toEqual([undefined]);
    const row = await prisma.shadowOutcome.findFirstOrThrow({ where: { traceId: response.headers.get('x-portkey-trace-id')! } });
    // The stream's text was collected as it passed: the same echo as the shadow's JSON answer.
    expect(row).toMatchObject({ primaryStatus: 200, shadowStatus: 200, similarity: 1 });
  });

  it('holds the sample rate: 400 requests at 0.25 shadow 100 ± 4 sigma', async () => {
    const n = 400;
    const p = 0.25;
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        const answer = await chat(gateway.url, headersFor(ids.primaryQuarter));
        expect(answer.status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await idle(gateway);
    const shadowed = mock.count('sh-quarter');
    const sigma = Math.sqrt(n * p * (1 - p)); // ≈ 8.66
    expect(mock.count('pr-quarter')).toBe(n);
    expect(Math.abs(shadowed - n * p)).toBeLessThanOrEqual(4 * sigma);
    expect(await prisma.shadowOutcome.count({ where: { shadowConfigId: ids.quarter } })).toBe(shadowed);
    expect(gateway.get(ShadowTraffic).stats().dropped).toBe(0);
  });

  it('reports the comparison per config and per model in the admin API', async () => {
    const response = await fetch(`${gateway.url}/admin/api/v1/workspaces/${a.workspaceId}/shadow/comparison?configId=${ids.primaryBroken}`, {
      headers: { 'x-admin-api-key': adminKey },
    });
    const report = (await response.json()) as any;
    expect([response.status, report.error]).toEqual([200, undefined]);
    expect(report.total.requests).toBeGreaterThanOrEqual(1);
    expect(report.byConfig).toEqual([
      expect.objectContaining({ primary: ids.primaryBroken, shadow: ids.broken, requests: report.total.requests, comparedAnswers: 0, agreement: null }),
    ]);
    const [row] = report.byConfig;
    expect(row.primaryStats.errorRate).toBe(0);
    expect(row.shadowStats.errorRate).toBe(1);
    expect(row.primaryStats.p50LatencyMs).toEqual(expect.any(Number));
    expect(row.primaryStats.p99LatencyMs).toBeGreaterThanOrEqual(row.primaryStats.p50LatencyMs);
    expect(report.byModel).toEqual([expect.objectContaining({ primary: 'gpt-4o-mini', shadow: 'sh-broken' })]);

    const all = (await (await fetch(`${gateway.url}/admin/api/v1/workspaces/${a.workspaceId}/shadow/comparison?configId=${ids.primary}`, { headers: { 'x-admin-api-key': adminKey } })).json()) as any;
    const [pair] = all.byModel;
    expect(pair).toMatchObject({ primary: 'gpt-4o-mini', shadow: 'gpt-4o' });
    expect(pair.agreement).toBeGreaterThan(0);
    expect(pair.agreement).toBeLessThan(1); // one of the answers disagreed (1/9), the others agreed
    expect(pair.shadowStats.costUsd).toBeGreaterThan(pair.primaryStats.costUsd);
  });
});

describe('limits', () => {
  it('never counts a shadow against the workspace’s rate limit', async () => {
    const b = await gateway.seed('Limited workspace');
    const bAdmin = (await gateway.get(ApiKeysService).create(b.workspaceId, { name: 'automation', kind: 'admin' }, TEST_ACTOR)).key;
    const vk = await b.createVirtualKey({ name: 'Mock', provider: 'openai', secret: { apiKey: 'sk-limited' }, settings: { customHost: `${mock.url}/v1` } });
    const candidate = await b.createConfig('Candidate', { virtual_key: vk, override_params: { model: 'lim-shadow' } });
    const primary = await b.createConfig('Primary', { virtual_key: vk, override_params: { model: 'lim-primary' }, shadow: { config_id: candidate, sample_rate: 1 } });
    const put = await fetch(`${gateway.url}/admin/api/v1/workspaces/${b.workspaceId}/limits`, {
      method: 'PUT',
      headers: { 'x-admin-api-key': bAdmin, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'workspace', requestsPerMinute: 3 }),
    });
    expect(put.status).toBe(200);
    await waitFor(() => gateway.get(LimitsCache).forWorkspace(b.workspaceId) !== undefined, 5_000, 20);

    const headers = { 'x-portkey-api-key': b.apiKey, 'x-portkey-config': primary };
    for (let i = 0; i < 3; i++) {
      expect((await chat(gateway.url, headers)).status).toBe(200);
      await idle(gateway); // each shadow has run before the next request is admitted
    }
    expect(mock.count('lim-shadow')).toBe(3);
    // Three requests a minute were allowed, and three were used: by the primaries alone.
    expect((await chat(gateway.url, headers)).status).toBe(429);
    // A refused request never ran: it is not shadowed either.
    await idle(gateway);
    expect(mock.count('lim-shadow')).toBe(3);
  });
});

describe('a full shadow queue', () => {
  let small: ControlPlaneGateway;
  beforeAll(async () => {
    // One shadow at a time, one waiting: everything beyond is dropped.
    small = await startControlPlaneGateway(db.url, { gateway: { shadowConcurrency: 1, shadowQueue: 1 }, controlPlane: { shadowOutcomes: { flushIntervalMs: 600_000 } } });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('drops and counts instead of growing; clients are answered all the same', async () => {
    mock.scenario('sh-slow', [{ delayMs: 3_000 }], { repeatLast: true });
    const traffic = small.get(ShadowTraffic);
    const requests = 30;
    for (let i = 0; i < requests; i++) {
      const answer = await chat(small.url, headersFor(ids.primarySlow));
      expect(answer.status).toBe(200);
      expect(answer.json.model).toBe('pr-fast');
      // Memory stays bounded: never more than the cap running and the queue waiting.
      const stats = traffic.stats();
      expect(stats.running).toBeLessThanOrEqual(1);
      expect(stats.queued).toBeLessThanOrEqual(1);
    }
    const stats = traffic.stats();
    // Each request's shadow was taken (run or queued) or dropped; with a 3 s shadow most were dropped.
    expect(stats.dropped + stats.accepted).toBe(requests);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.accepted).toBeLessThan(requests);
    // The drops are in the metrics too.
    const metrics = await (await fetch(`${small.url}/metrics`)).text();
    expect(metrics).toContain(`gateway_shadow_requests_total{result="dropped"} ${stats.dropped}`);
    await idle(small);
    expect(mock.count('sh-slow')).toBe(traffic.stats().completed);
    expect(await prisma.shadowOutcome.count({ where: { shadowConfigId: ids.slow } })).toBe(traffic.stats().completed);
  });
});
