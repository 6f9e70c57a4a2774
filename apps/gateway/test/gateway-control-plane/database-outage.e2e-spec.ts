import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { type SeededWorkspace, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { watchLeftovers } from '../support/leftovers.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Postgres goes away mid-traffic (a TCP proxy between the gateway and the database is cut, which
 * resets its connections and refuses new ones) and comes back. While it is away: inline requests
 * keep flowing, keys and configs already cached keep working, anything needing the database gets
 * a clear 503, and request-log rows queue; when it returns, they are written.
 */
let db: TestDatabase;
let proxy: TcpProxy;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let ws: SeededWorkspace;
let slug: string;
let configId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  mock = await startMockProvider();
  gateway = await startControlPlaneGateway(proxy.via(db.url), { controlPlane: { requestLog: { flushIntervalMs: 100 }, adminApi: true } });
  ws = await gateway.seed('Outage workspace');
  slug = await ws.createVirtualKey({ name: 'Cached key', provider: 'openai', secret: { apiKey: 'sk-cached' }, settings: { customHost: `${mock.url}/v1` } });
  configId = await ws.createConfig('Cached config', { virtual_key: slug });
  // Warm the caches the way traffic would: the API key, the virtual key and the saved config.
  expect((await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-virtual-key': slug })).status).toBe(200);
  expect((await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': configId })).status).toBe(200);
});
afterAll(async () => {
  await proxy?.up().catch(() => undefined);
  await gateway?.close();
  await proxy?.close();
  await mock?.close();
  await db?.drop();
});

const inline = { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-inline', 'x-portkey-custom-host': '' };

it('keeps serving, refuses only what needs the database, and writes the queued logs when it returns', async () => {
  inline['x-portkey-custom-host'] = `${mock.url}/v1`;
  const prisma = gateway.get(PrismaService);
  const writer = gateway.get(RequestLogWriter);
  await writer.flush();
  const rowsBefore = await prisma.requestLog.count();

  await proxy.down();

  const during: string[] = [];
  const traced = (name: string) => {
    const id = `outage-${name}-${Date.now()}`;
    during.push(id);
    return { 'x-portkey-trace-id': id };
  };
  expect((await chat(gateway.url, { ...inline, ...traced('inline') })).status).toBe(200);
  expect((await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-virtual-key': slug, ...traced('vk') })).status).toBe(200);
  expect((await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': configId, ...traced('config') })).status).toBe(200);
  expect((await chat(gateway.url, { ...inline, 'x-portkey-config': JSON.stringify({ retry: { attempts: 1 } }), ...traced('inline-config') })).status).toBe(200);

  // Not cached, so it needs the database: a clear 503, not a 500 or a hang.
  const unknownKey = await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-virtual-key': 'never-loaded' });
  expect(unknownKey.status).toBe(503);
  expect(unknownKey.json).toEqual({ status: 'failure', message: expect.stringMatching(/control plane database is unreachable/i) });
  const unknownApiKey = await chat(gateway.url, { 'x-portkey-api-key': 'aigw_not-cached-anywhere', 'x-portkey-virtual-key': slug });
  expect(unknownApiKey.status).toBe(503);

  // The admin API says so too, in its error format.
  const admin = await fetch(`${gateway.url}/admin/api/v1/auth/sso/connections`);
  expect(admin.status).toBe(503);
  expect(await admin.json()).toEqual({ status: 'failure', message: expect.stringMatching(/database is unreachable/i) });

  // The log rows wait in the queue.
  await writer.flush();
  expect(writer.stats().queued).toBeGreaterThanOrEqual(during.length);

  await proxy.up();
  await waitFor(async () => {
    await writer.flush();
    return (await prisma.requestLog.count({ where: { traceId: { in: during } } })) === during.length;
  }, 15_000, 100);
  expect(await prisma.requestLog.count()).toBeGreaterThanOrEqual(rowsBefore + during.length);
  expect(writer.stats().dropped).toBe(0);

  // And lookups that needed the database work again.
  const fresh = await ws.createVirtualKey({ name: 'After outage', provider: 'openai', secret: { apiKey: 'sk-after' }, settings: { customHost: `${mock.url}/v1` } });
  expect((await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-virtual-key': fresh })).status).toBe(200);
}, 60_000);

it('leaves nothing behind: after 300 more requests during a second outage, connections, timers and heap return to their baseline', async () => {
  const uncached = { 'x-portkey-api-key': ws.apiKey, 'x-portkey-virtual-key': 'still-never-loaded' };
  const leftovers = await watchLeftovers(gateway.app.getHttpServer(), gateway.url);
  await proxy.down();
  const statuses: number[] = [];
  for (let round = 0; round < 30; round++) {
    statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => leftovers.chat(i % 2 ? inline : uncached)))));
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(150); // inline traffic kept flowing
  expect(statuses.filter((s) => s === 503)).toHaveLength(150); // what needed the database: a clear 503
  await proxy.up();
  const writer = gateway.get(RequestLogWriter);
  await waitFor(async () => {
    await writer.flush();
    return writer.stats().queued === 0;
  }, 15_000, 100);
  expect(writer.stats().dropped).toBe(0);
  // The database pools reconnect to at most their size (10 + 2 for notifications), not once per failed request.
  expect(proxy.openConnections()).toBeLessThanOrEqual(12);
  await leftovers.expectBaseline();
}, 60_000);
