import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { waitFor } from '../control-plane/support/control-plane-harness.js';
import { createEmptyDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { type GatewayProcess, spawnGateway } from './support/gateway-process.js';

/**
 * A real gateway process started while its Postgres (DATABASE_URL, an empty database) cannot be
 * reached: it serves inline requests at once, answers 503 for what needs the database, and when
 * Postgres answers it migrates, creates the first admin, and writes the request-log rows it kept.
 */
let db: TestDatabase;
let proxy: TcpProxy;
let mock: MockProvider;
let gateway: GatewayProcess | undefined;

beforeAll(async () => {
  db = await createEmptyDatabase();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.down();
  mock = await startMockProvider();
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await mock?.close();
  await db?.drop();
});

it('starts without Postgres, serves inline requests, and brings the control plane up when Postgres answers', async () => {
  gateway = await spawnGateway({
    DATABASE_URL: proxy.via(db.url),
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'owner@example.com',
    ADMIN_PASSWORD: 'correct-horse-battery-staple',
    REDIS_URL: undefined,
  });
  const post = (headers: Record<string, string>) =>
    fetch(`${gateway!.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
  const login = () =>
    fetch(`${gateway!.url}/admin/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: gateway!.url },
      body: JSON.stringify({ email: 'owner@example.com', password: 'correct-horse-battery-staple' }),
    });

  const inline = await post({ 'x-portkey-provider': 'openai', authorization: 'Bearer sk', 'x-portkey-custom-host': `${mock.url}/v1`, 'x-portkey-trace-id': 'kept-while-down' });
  expect(inline.status).toBe(200);
  const needsDb = await post({ 'x-portkey-api-key': 'aigw_unknown', 'x-portkey-virtual-key': 'some-key' });
  expect(needsDb.status).toBe(503);
  expect(((await needsDb.json()) as { message: string }).message).toMatch(/control plane database is unreachable/);
  expect((await login()).status).toBe(503);

  await proxy.up();
  await waitFor(async () => (await login()).status === 200, 30_000, 250).catch(async (error: Error) => {
    const last = await login();
    throw new Error(`${error.message}; last login ${last.status} ${await last.text()}\n${gateway!.output()}`);
  });
  expect(gateway.output()).toMatch(/Postgres answered/);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await waitFor(async () => (await client.query(`SELECT 1 FROM request_logs WHERE trace_id = 'kept-while-down'`)).rowCount === 1, 15_000, 250);
  } finally {
    await client.end();
  }
}, 90_000);
