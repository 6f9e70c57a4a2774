/** Saved configs through the service: validation like the gateway's, versions, restore, isolation. */
import { parseConfig } from '@aigw/config-schema';
import { ConfigsService } from '../../src/control-plane/configs/configs.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../src/control-plane/control-plane.errors.js';
import { seedWorkspace, startControlPlane, TEST_ACTOR, testOptions, type ControlPlaneContext, type SeededWorkspace } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

async function rejection(promise: Promise<unknown>): Promise<ControlPlaneError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ControlPlaneError);
  return error as ControlPlaneError;
}

describe('saved configs', () => {
  let db: TestDatabase;
  let cp: ControlPlaneContext;
  let configs: ConfigsService;
  let ws: SeededWorkspace;
  let slug: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    cp = await startControlPlane(testOptions(db.url));
    configs = cp.get(ConfigsService);
    ws = await seedWorkspace(cp);
    slug = await ws.createVirtualKey({ name: 'openai' });
  });

  afterAll(async () => {
    await cp?.close();
    await db?.drop();
  });

  it('rejects an invalid config with the gateway’s own message and errors', async () => {
    const bad = { strategy: { mode: 'sometimes' }, targets: [{ virtual_key: slug }] };
    const gateway = parseConfig(bad);
    const error = await rejection(configs.create(ws.workspaceId, { name: 'bad', config: bad }, TEST_ACTOR));
    expect(gateway.ok).toBe(false);
    if (gateway.ok) return;
    expect(error.code).toBe(ControlPlaneErrorCode.Invalid);
    expect(error.field).toBe('config');
    expect(error.message).toBe(gateway.message);
    expect(error.errors).toEqual(gateway.errors);
  });

  it('rejects raw provider keys and unknown virtual keys, naming the field', async () => {
    const raw = await rejection(configs.create(ws.workspaceId, { name: 'raw', config: { provider: 'openai', api_key: 'sk-raw-0000000000' } }, TEST_ACTOR));
    expect(raw.field).toBe('config.api_key');
    const unknown = await rejection(
      configs.create(ws.workspaceId, { name: 'unknown', config: { strategy: { mode: 'fallback' }, targets: [{ virtual_key: slug }, { virtual_key: 'ghost-000000' }] } }, TEST_ACTOR),
    );
    expect(unknown.field).toBe('config.targets[1].virtual_key');
    // A virtual key of another workspace is as unknown as a missing one.
    const other = await seedWorkspace(cp, 'other');
    const theirs = await other.createVirtualKey({ name: 'theirs' });
    const foreign = await rejection(configs.create(ws.workspaceId, { name: 'foreign', config: { virtual_key: theirs } }, TEST_ACTOR));
    expect(foreign.field).toBe('config.virtual_key');
  });

  it('saves versions, lists them, and restores an earlier one as a new version', async () => {
    const v1 = { virtual_key: slug };
    const v2 = { virtual_key: slug, retry: { attempts: 3 } };
    const created = await configs.create(ws.workspaceId, { name: 'Chat', config: v1 }, TEST_ACTOR);
    expect(created).toMatchObject({ name: 'Chat', currentVersion: 1, config: v1 });
    const updated = await configs.update(ws.workspaceId, created.id, { config: v2 }, TEST_ACTOR);
    expect(updated).toMatchObject({ currentVersion: 2, config: v2 });
    expect(updated.versions.map((v) => v.version)).toEqual([2, 1]);
    await expect(configs.getVersion(ws.workspaceId, created.id, 1)).resolves.toMatchObject({ version: 1, config: v1 });
    const restored = await configs.restore(ws.workspaceId, created.id, 1, TEST_ACTOR);
    expect(restored).toMatchObject({ currentVersion: 3, config: v1 });
    expect(restored.versions[0]).toMatchObject({ version: 3, restoredFrom: 1 });
    const renamed = await configs.update(ws.workspaceId, created.id, { name: 'Chat v2' }, TEST_ACTOR);
    expect(renamed).toMatchObject({ name: 'Chat v2', currentVersion: 3, id: created.id });
    expect((await rejection(configs.getVersion(ws.workspaceId, created.id, 9))).code).toBe(ControlPlaneErrorCode.NotFound);
  });

  it('numbers concurrent saves without gaps or duplicates', async () => {
    const created = await configs.create(ws.workspaceId, { name: 'Busy', config: { virtual_key: slug } }, TEST_ACTOR);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => configs.update(ws.workspaceId, created.id, { config: { virtual_key: slug, request_timeout: 1000 + i } }, TEST_ACTOR)),
    );
    const detail = await configs.get(ws.workspaceId, created.id);
    expect(detail.currentVersion).toBe(6);
    expect(detail.versions.map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('hides other workspaces’ configs', async () => {
    const other = await seedWorkspace(cp, 'hidden');
    const otherSlug = await other.createVirtualKey({ name: 'x' });
    const theirs = await other.createConfig('theirs', { virtual_key: otherSlug });
    expect((await rejection(configs.get(ws.workspaceId, theirs))).code).toBe(ControlPlaneErrorCode.NotFound);
    expect((await rejection(configs.remove(ws.workspaceId, theirs, TEST_ACTOR))).code).toBe(ControlPlaneErrorCode.NotFound);
    expect((await configs.list(ws.workspaceId)).map((c) => c.id)).not.toContain(theirs);
  });
});
