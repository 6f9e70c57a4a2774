/**
 * Two control planes on one database, as two gateway processes would be: each has its own Prisma
 * pool, cache and invalidation listener. A change made through one is seen by the other within a
 * second, over Postgres LISTEN/NOTIFY and over Redis pub/sub; a lost listener connection makes the
 * process drop its cache (it may have missed changes) and reconnect.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { ConfigsService } from '../../src/control-plane/configs/configs.service.js';
import { ControlPlaneLookup, RequestLogSink } from '../../src/control-plane/control-plane.port.js';
import { INVALIDATION_CHANNEL, InvalidationBus, type InvalidationEvent } from '../../src/control-plane/invalidation/invalidation.bus.js';
import { VirtualKeysService } from '../../src/control-plane/virtual-keys/virtual-keys.service.js';
import { WorkspacesService } from '../../src/control-plane/workspaces/workspaces.service.js';
import { seedWorkspace, startControlPlane, TEST_ACTOR, testOptions, waitFor, type ControlPlaneContext } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

// The test set-up (test/setup) exports REDIS_URL, or says in its one line why there is no Redis;
// the Redis variant is then skipped rather than failing on a connection refused.
const REDIS_URL = process.env.REDIS_URL;
const channels: [string, string | undefined][] = [['Postgres LISTEN/NOTIFY', undefined]];
if (REDIS_URL) channels.push(['Redis pub/sub', REDIS_URL]);
else {
  describe.skip(`invalidation across processes (Redis pub/sub): ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`, () => {
    it('is skipped without Redis', () => undefined);
  });
}

describe.each(channels)('invalidation across processes (%s)', (_name, redisUrl) => {
  let db: TestDatabase;
  let one: ControlPlaneContext;
  let two: ControlPlaneContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    const masterKey = randomBytes(32);
    // The same master key, as every process sharing a database must have.
    one = await startControlPlane(testOptions(db.url, { masterKey, redisUrl }));
    two = await startControlPlane(testOptions(db.url, { masterKey, redisUrl }));
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('a revoked API key is refused by the other process within a second', async () => {
    const ws = await seedWorkspace(one);
    const lookup = two.get(ControlPlaneLookup);
    await expect(lookup.authenticate(ws.apiKey)).resolves.toMatchObject({ ok: true }); // now cached in `two`
    await one.get(ApiKeysService).revoke(ws.workspaceId, ws.apiKeyId, TEST_ACTOR);
    const elapsed = await waitFor(async () => !(await lookup.authenticate(ws.apiKey)).ok, 2_000);
    expect(elapsed).toBeLessThan(1_000);
    await expect(lookup.authenticate(ws.apiKey)).resolves.toEqual({ ok: false, reason: 'revoked' });
  });

  it('a rotated or disabled virtual key and a new config version reach the other process within a second', async () => {
    const ws = await seedWorkspace(one);
    const slug = await ws.createVirtualKey({ name: 'shared', secret: { apiKey: 'sk-before-00000000' } });
    const configId = await ws.createConfig('shared', { virtual_key: slug });
    const lookup = two.get(ControlPlaneLookup);
    await expect(lookup.virtualKey(ws.workspaceId, slug)).resolves.toMatchObject({ value: { options: { apiKey: 'sk-before-00000000' } } });
    await expect(lookup.savedConfig(ws.workspaceId, configId)).resolves.toMatchObject({ value: { version: 1 } });

    await one.get(VirtualKeysService).rotate(ws.workspaceId, slug, { secret: { apiKey: 'sk-after-111111111' } }, TEST_ACTOR);
    await one.get(ConfigsService).update(ws.workspaceId, configId, { config: { virtual_key: slug, retry: { attempts: 1 } } }, TEST_ACTOR);
    const seen = await waitFor(async () => {
      const key = await lookup.virtualKey(ws.workspaceId, slug);
      const config = await lookup.savedConfig(ws.workspaceId, configId);
      return key.ok && key.value.options.apiKey === 'sk-after-111111111' && config.ok && config.value.version === 2;
    }, 2_000);
    expect(seen).toBeLessThan(1_000);

    await one.get(VirtualKeysService).update(ws.workspaceId, slug, { enabled: false }, TEST_ACTOR);
    const disabled = await waitFor(async () => !(await lookup.virtualKey(ws.workspaceId, slug)).ok, 2_000);
    expect(disabled).toBeLessThan(1_000);
  });

  it('body logging switched on in one process applies in the other', async () => {
    const ws = await seedWorkspace(one);
    await two.get(ControlPlaneLookup).authenticate(ws.apiKey); // loads the workspace settings in `two`
    const sink = two.get(RequestLogSink);
    expect(sink.logsBodies(ws.workspaceId)).toBe(false);
    await one.get(WorkspacesService).update(ws.workspaceId, { logBodies: true }, TEST_ACTOR);
    expect(await waitFor(() => sink.logsBodies(ws.workspaceId), 2_000)).toBeLessThan(1_000);
  });
});

describe('Postgres listener reconnection', () => {
  let db: TestDatabase;
  let cp: ControlPlaneContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    cp = await startControlPlane(testOptions(db.url));
  });

  afterAll(async () => {
    await cp?.close();
    await db?.drop();
  });

  it('drops everything after losing the connection, then receives notifications again', async () => {
    const events: InvalidationEvent[] = [];
    cp.get(InvalidationBus).subscribe((event) => events.push(event));
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // Kill the listening backend, as a database restart or failover would.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      await waitFor(() => events.some((e) => e.kind === 'all'), 5_000);
      const payload = JSON.stringify({ origin: 'another-process', event: { kind: 'config', workspaceId: 'w', configId: 'pc-x-1' } });
      await waitFor(async () => {
        await admin.query('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, payload]);
        return events.some((e) => e.kind === 'config');
      }, 5_000, 100);
    } finally {
      await admin.end();
    }
  });
});
