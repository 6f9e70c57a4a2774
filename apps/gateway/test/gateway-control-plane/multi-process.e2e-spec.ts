import { randomBytes, randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import {
  type ControlPlaneContext,
  type SeededWorkspace,
  seedWorkspace,
  startControlPlane,
  TEST_ACTOR,
  testOptions,
  waitFor,
} from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat } from './support/control-plane-gateway.js';
import { type GatewayProcess, spawnGateway } from './support/gateway-process.js';

/**
 * Two gateway PROCESSES sharing one Postgres, as a fleet runs: a change made through one
 * (admin API of A) is seen by the other (B) within one second, through the cache invalidation
 * channel (Postgres LISTEN/NOTIFY, or Redis pub/sub when REDIS_URL is set, as in CI); and SIGTERM
 * flushes a process's queued request logs before it exits.
 *
 * B's log writer only writes at shutdown (GATEWAY_LOG_FLUSH_MS = 10 min), so its rows can only
 * come from the SIGTERM flush; A keeps the default timer.
 */
jest.setTimeout(60_000);

let db: TestDatabase;
let mock: MockProvider;
let cp: ControlPlaneContext;
let prisma: PrismaService;
let ws: SeededWorkspace;
let adminKey: string;
let slug: string;
let configId: string;
let gwA: GatewayProcess;
let gwB: GatewayProcess;
const masterKey = randomBytes(32);
const SECRET = 'sk-shared-fleet-key';

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${gwA.url}/admin/api/v1/workspaces/${ws.workspaceId}${path}`, {
    method,
    headers: { 'x-admin-api-key': adminKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
};

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  // Seeding from this process, with the fleet's master key and invalidation channel.
  cp = await startControlPlane(testOptions(db.url, { masterKey, redisUrl: process.env.REDIS_URL || undefined }));
  prisma = cp.get(PrismaService);
  ws = await seedWorkspace(cp, 'Fleet workspace');
  adminKey = (await cp.get(ApiKeysService).create(ws.workspaceId, { name: 'automation', kind: 'admin' }, TEST_ACTOR)).key;
  slug = await ws.createVirtualKey({ name: 'Fleet OpenAI', provider: 'openai', secret: { apiKey: SECRET }, settings: { customHost: `${mock.url}/v1` } });
  configId = await ws.createConfig('Fleet config', { virtual_key: slug, override_params: { model: 'mp-v1' } });

  const env = {
    DATABASE_URL: db.url,
    GATEWAY_MASTER_KEY: masterKey.toString('hex'),
    GATEWAY_RETRY_BASE_MS: '5',
    GATEWAY_RETRY_CAP_MS: '20',
    ADMIN_EMAIL: undefined,
    ADMIN_PASSWORD: undefined,
  };
  [gwA, gwB] = await Promise.all([spawnGateway(env), spawnGateway({ ...env, GATEWAY_LOG_FLUSH_MS: '600000' })]);
}, 90_000);

afterAll(async () => {
  await Promise.all([gwA?.stop(5_000), gwB?.stop(5_000)]);
  await cp?.close();
  await mock?.close();
  await db?.drop();
}, 30_000);

beforeEach(() => mock.reset());

const viaVirtualKey = (gw: GatewayProcess, extra: Record<string, string> = {}) =>
  chat(gw.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-virtual-key': slug, ...extra }, { model: 'mp-vk' });
const viaConfig = (gw: GatewayProcess) => chat(gw.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': configId });

it('serves the shared virtual key and saved config from both processes', async () => {
  for (const gw of [gwA, gwB]) {
    expect((await viaVirtualKey(gw)).status).toBe(200);
    const r = await viaConfig(gw);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-portkey-config-version')).toBe('1');
  }
  // Both decrypted the credential stored by another process, with the shared GATEWAY_MASTER_KEY.
  expect(mock.requests('mp-vk').map((s) => s.headers.authorization)).toEqual([`Bearer ${SECRET}`, `Bearer ${SECRET}`]);
  expect(mock.count('mp-v1')).toBe(2);
});

it('a virtual key disabled through A’s admin API is refused by B within one second, and re-enabled likewise', async () => {
  expect((await viaVirtualKey(gwB)).status).toBe(200); // B has it cached

  await admin('PATCH', `/virtual-keys/${slug}`, { enabled: false });
  await waitFor(async () => (await viaVirtualKey(gwB)).status === 403, 1_000, 20);
  const refused = await viaVirtualKey(gwB);
  expect(refused.json).toEqual({ status: 'failure', message: `Virtual key ${slug} is disabled` });
  expect((await viaVirtualKey(gwA)).status).toBe(403);
  const callsWhileDisabled = mock.count('mp-vk');

  await admin('PATCH', `/virtual-keys/${slug}`, { enabled: true });
  await waitFor(async () => (await viaVirtualKey(gwB)).status === 200, 1_000, 20);
  expect(mock.count('mp-vk')).toBe(callsWhileDisabled + 1);
});

it('a config version saved through A is served by B within one second', async () => {
  const before = await viaConfig(gwB);
  expect(before.headers.get('x-portkey-config-version')).toBe('1');

  const saved = await admin('PATCH', `/configs/${configId}`, { config: { virtual_key: slug, override_params: { model: 'mp-v2' } } });
  expect(saved.currentVersion).toBe(2);
  let after = before;
  await waitFor(async () => {
    after = await viaConfig(gwB);
    return after.headers.get('x-portkey-config-version') === '2';
  }, 1_000, 20);
  expect(after.status).toBe(200);
  expect(mock.count('mp-v2')).toBeGreaterThanOrEqual(1);
  expect(mock.requests('mp-v2').at(-1)!.headers.authorization).toBe(`Bearer ${SECRET}`);
});

it('a gateway key revoked through A is refused by B within one second', async () => {
  const created = await admin('POST', '/api-keys', { name: 'to revoke' });
  const key: string = created.key;
  const headers = { 'x-portkey-api-key': key, 'x-portkey-virtual-key': slug };
  expect((await chat(gwB.url, headers, { model: 'mp-revoke' })).status).toBe(200);

  await admin('POST', `/api-keys/${created.apiKey.id}/revoke`);
  await waitFor(async () => (await chat(gwB.url, headers, { model: 'mp-revoke' })).status === 401, 1_000, 20);
});

it('writes request logs of both processes; SIGTERM flushes B’s queue before it exits', async () => {
  // A writes on its own timer, with no shutdown involved.
  const traceA = `mp-a-${randomUUID()}`;
  expect((await viaVirtualKey(gwA, { 'x-portkey-trace-id': traceA })).status).toBe(200);
  await waitFor(async () => (await prisma.requestLog.count({ where: { traceId: traceA } })) === 1, 10_000, 50);

  const traceIds = Array.from({ length: 4 }, () => `mp-b-${randomUUID()}`);
  const answers = await Promise.all(traceIds.map((traceId) => viaVirtualKey(gwB, { 'x-portkey-trace-id': traceId })));
  for (const r of answers) expect(r.status).toBe(200);
  // Answered, but still queued in B (its timer is 10 minutes away).
  expect(await prisma.requestLog.count({ where: { traceId: { in: traceIds } } })).toBe(0);

  const exit = await gwB.stop(20_000);
  expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true); // a graceful exit, not the SIGKILL fallback
  expect(gwB.output()).not.toMatch(/unwritten/);

  const rows = await prisma.requestLog.findMany({ where: { traceId: { in: traceIds } } });
  expect(rows).toHaveLength(traceIds.length);
  for (const row of rows) {
    expect(row).toMatchObject({ workspaceId: ws.workspaceId, apiKeyId: ws.apiKeyId, virtualKeySlug: slug, provider: 'openai', model: 'mp-vk', status: 200 });
  }
  // What B refused earlier in this file was in the same queue, and is written too.
  const refusals = await prisma.requestLog.findMany({ where: { status: 403, errorMessage: `Virtual key ${slug} is disabled` } });
  expect(refusals.length).toBeGreaterThanOrEqual(2); // at least one from each process
});
