import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { ReplayService } from '../../src/control-plane/shadow/replay.service.js';
import { ShadowOutcomeWriter } from '../../src/control-plane/shadow/shadow-outcome.writer.js';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Replays through the admin API: requests logged with their bodies (GATEWAY_LOG_BODIES) are sent
 * again to another saved config at a bounded rate, in the background; the job reports progress
 * and ends with the same comparison report as shadow traffic; a cancelled job stops where it was.
 */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let a: SeededWorkspace;
let prisma: PrismaService;
let adminKey: string;
let primaryId: string;
let targetId: string;

const LOGGED = 300;

async function admin(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${gateway.url}/admin/api/v1/workspaces/${a.workspaceId}${path}`, {
    method,
    headers: { 'x-admin-api-key': adminKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url, {
    gateway: { logBodies: true },
    controlPlane: { adminApi: true, requestLog: { flushIntervalMs: 600_000 }, shadowOutcomes: { flushIntervalMs: 50 } },
  });
  prisma = gateway.get(PrismaService);
  a = await gateway.seed('Replay workspace');
  adminKey = (await gateway.get(ApiKeysService).create(a.workspaceId, { name: 'automation', kind: 'admin' }, TEST_ACTOR)).key;
  const slug = await a.createVirtualKey({ name: 'Mock', provider: 'openai', secret: { apiKey: 'sk-replay' }, settings: { customHost: `${mock.url}/v1` } });
  primaryId = await a.createConfig('Live', { virtual_key: slug, override_params: { model: 'gpt-4o' } });
  // The target caches: a replay must reach the provider for every request all the same.
  targetId = await a.createConfig('Cheaper', { virtual_key: slug, override_params: { model: 'gpt-4o-mini' }, cache: { mode: 'simple' } });

  // Traffic to replay: the same question asked LOGGED times (identical bodies: a cache would answer all but one).
  let sent = 0;
  const worker = async () => {
    while (sent < LOGGED) {
      sent++;
      const answer = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': primaryId }, { messages: [{ role: 'user', content: 'what is the capital of France' }] });
      expect(answer.status).toBe(200);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // One request on another path that cannot be replayed (no body logged for a GET).
  await fetch(`${gateway.url}/v1/models`, { headers: { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': primaryId } });
  await gateway.get(RequestLogWriter).flush();
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});

it(`replays ${LOGGED} logged requests against another config and reports the comparison`, async () => {
  expect(await prisma.requestLog.count({ where: { workspaceId: a.workspaceId, path: '/v1/chat/completions' } })).toBe(LOGGED);
  // The workspace is over its rate limit from now on: live requests are refused, replays are not counted.
  await admin('PUT', '/limits', { scope: 'workspace', requestsPerMinute: 1 });
  await waitFor(() => gateway.get(LimitsCache).forWorkspace(a.workspaceId) !== undefined, 5_000, 20);
  // Probes through the target config (not replayed: the filter names primaryId), with the replayed
  // question: the target's cache now holds its answer, and replays must still not use it.
  const probe = { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': targetId };
  const question = { messages: [{ role: 'user', content: 'what is the capital of France' }] };
  expect((await chat(gateway.url, probe, question)).headers.get('x-portkey-cache-status')).toBe('MISS');
  expect((await chat(gateway.url, probe, question)).status).toBe(429);
  await gateway.get(RequestLogWriter).flush();

  mock.reset();
  const job = await admin('POST', '/replays', { targetConfigId: targetId, filter: { configId: primaryId }, limit: 1_000, ratePerSecond: 100 });
  expect(job).toMatchObject({ status: 'running', total: LOGGED, targetConfigId: targetId, ratePerSecond: 100 });

  // Progress is visible while it runs, and it ends completed with every request done.
  let seen: any;
  await waitFor(async () => {
    seen = await admin('GET', `/replays/${job.id}`);
    return seen.status !== 'running';
  }, 30_000, 100);
  expect(seen).toMatchObject({ status: 'completed', total: LOGGED, done: LOGGED, failed: 0 });
  expect(mock.count('gpt-4o-mini')).toBe(LOGGED); // no cache: every replay reached the provider
  expect(mock.requests('gpt-4o-mini').every((r) => (r.body as { stream?: unknown }).stream === undefined)).toBe(true);

  await gateway.get(ShadowOutcomeWriter).flush();
  const report = (await admin('GET', `/replays/${job.id}`)).report;
  expect(report.total).toMatchObject({ requests: LOGGED, comparedAnswers: LOGGED, agreement: 1 });
  expect(report.byConfig).toEqual([expect.objectContaining({ primary: primaryId, shadow: targetId, requests: LOGGED })]);
  expect(report.byModel).toEqual([expect.objectContaining({ primary: 'gpt-4o', shadow: 'gpt-4o-mini', requests: LOGGED })]);
  const [pair] = report.byModel;
  expect(pair.primaryStats.errorRate).toBe(0);
  expect(pair.shadowStats.errorRate).toBe(0);
  expect(pair.shadowStats.p95LatencyMs).toBeGreaterThanOrEqual(pair.shadowStats.p50LatencyMs);
  // What the question asked: the same tokens on the cheaper model cost less.
  expect(pair.shadowStats.costUsd).toBeLessThan(pair.primaryStats.costUsd);
  expect(pair.shadowStats.promptTokens).toBe(pair.primaryStats.promptTokens);

  // Marked as replays, each tied to the logged request it replayed; none entered the request log.
  const rows = await prisma.shadowOutcome.findMany({ where: { replayJobId: job.id } });
  expect(rows).toHaveLength(LOGGED);
  expect(rows.every((r) => r.source === 'replay' && r.requestLogId !== null)).toBe(true);
  await gateway.get(RequestLogWriter).flush();
  expect(await prisma.requestLog.count({ where: { workspaceId: a.workspaceId } })).toBe(LOGGED + 3); // + /v1/models + the two probes

  expect((await admin('GET', '/replays')).map((j: { id: string }) => j.id)).toContain(job.id);
}, 60_000);

it('stops a replay cancelled half-way: status cancelled, progress frozen, nothing more sent', async () => {
  mock.reset();
  // 20 requests a second: 300 would take 15 s.
  const job = await admin('POST', '/replays', { targetConfigId: targetId, filter: { configId: primaryId }, limit: LOGGED, ratePerSecond: 20 });
  await waitFor(async () => (await admin('GET', `/replays/${job.id}`)).done >= 20, 20_000, 50);

  const cancelled = await admin('POST', `/replays/${job.id}/cancel`);
  expect(cancelled.status).toBe('cancelled');
  await gateway.get(ReplayService).settled(job.id); // the job's loop has exited
  await gateway.get(ShadowOutcomeWriter).flush();

  const after = await admin('GET', `/replays/${job.id}`);
  expect(after.status).toBe('cancelled');
  expect(after.finishedAt).toEqual(expect.any(String));
  expect(after.done).toBeGreaterThanOrEqual(20);
  expect(after.done).toBeLessThan(LOGGED);
  // Progress and outcomes stop at the same count; nothing more goes to the provider.
  const sent = mock.count('gpt-4o-mini');
  expect(await prisma.shadowOutcome.count({ where: { replayJobId: job.id } })).toBe(after.done);
  expect(after.report.total.requests).toBe(after.done);
  expect(sent).toBeLessThan(LOGGED);
  const job2 = await prisma.replayJob.findUniqueOrThrow({ where: { id: job.id } });
  expect(job2.done).toBe(after.done);
  // A second cancel changes nothing; a replay id of another shape is a 404.
  expect((await admin('POST', `/replays/${job.id}/cancel`)).done).toBe(after.done);
  await expect(admin('GET', '/replays/not-a-uuid')).rejects.toThrow(/404/);
}, 60_000);

it('refuses a target config that does not exist in the workspace', async () => {
  await expect(admin('POST', '/replays', { targetConfigId: 'pc-missing-000000', filter: {} })).rejects.toThrow(/400.*target_config_id/);
});
