/**
 * Resolution as the request path uses it: API key → workspace, virtual key → credential,
 * saved config → current version; refusals (disabled, revoked, expired); workspace isolation;
 * and hits answered without touching the database.
 */
import { parseConfig } from '@aigw/config-schema';
import { jest } from '@jest/globals';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { ConfigsService } from '../../src/control-plane/configs/configs.service.js';
import { ControlPlaneLookup } from '../../src/control-plane/control-plane.port.js';
import { ControlPlanePool } from '../../src/control-plane/control-plane.pool.js';
import { LookupRepository } from '../../src/control-plane/lookup/lookup.repository.js';
import { VirtualKeysService } from '../../src/control-plane/virtual-keys/virtual-keys.service.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import {
  seedWorkspace,
  startControlPlane,
  TEST_ACTOR,
  testOptions,
  type ControlPlaneContext,
  type SeededWorkspace,
} from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('control-plane resolution', () => {
  let db: TestDatabase;
  let cp: ControlPlaneContext;
  let lookup: ControlPlaneLookup;
  let a: SeededWorkspace;
  let b: SeededWorkspace;

  beforeAll(async () => {
    db = await createTestDatabase();
    cp = await startControlPlane(testOptions(db.url));
    lookup = cp.get(ControlPlaneLookup);
    a = await seedWorkspace(cp, 'A');
    b = await seedWorkspace(cp, 'B');
  });

  afterAll(async () => {
    await cp?.close();
    await db?.drop();
  });

  it('authenticates a gateway key to its workspace, and nothing else', async () => {
    expect(lookup.enabled).toBe(true);
    await expect(lookup.authenticate(a.apiKey)).resolves.toEqual({ ok: true, value: { id: a.apiKeyId, workspaceId: a.workspaceId } });
    await expect(lookup.authenticate('aigw_not-a-key')).resolves.toEqual({ ok: false, reason: 'not-found' });
    await expect(lookup.authenticate('')).resolves.toEqual({ ok: false, reason: 'not-found' });
  });

  it('does not accept admin API keys on the gateway', async () => {
    const { key } = await cp.get(ApiKeysService).create(a.workspaceId, { name: 'ci', kind: 'admin' }, TEST_ACTOR);
    await expect(lookup.authenticate(key)).resolves.toEqual({ ok: false, reason: 'not-found' });
  });

  it('refuses revoked and expired keys', async () => {
    const keys = cp.get(ApiKeysService);
    const revoked = await keys.create(a.workspaceId, { name: 'old' }, TEST_ACTOR);
    await expect(lookup.authenticate(revoked.key)).resolves.toMatchObject({ ok: true });
    await keys.revoke(a.workspaceId, revoked.apiKey.id, TEST_ACTOR);
    await expect(lookup.authenticate(revoked.key)).resolves.toEqual({ ok: false, reason: 'revoked' });

    const soon = await keys.create(a.workspaceId, { name: 'short-lived', expiresAt: new Date(Date.now() + 300) }, TEST_ACTOR);
    await expect(lookup.authenticate(soon.key)).resolves.toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Cached, yet refused at the exact expiry: the expiry travels with the cache entry.
    await expect(lookup.authenticate(soon.key)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it('resolves a virtual key to its decrypted credential and settings', async () => {
    const slug = await a.createVirtualKey({
      name: 'Azure EU',
      provider: 'azure-openai',
      secret: { apiKey: 'azure-secret-key-0001' },
      settings: { resourceName: 'contoso', deploymentId: 'gpt4o', apiVersion: '2024-10-21' },
    });
    expect(slug).toMatch(/^azure-eu-[0-9a-f]{6}$/);
    await expect(lookup.virtualKey(a.workspaceId, slug)).resolves.toEqual({
      ok: true,
      value: {
        slug,
        workspaceId: a.workspaceId,
        provider: 'azure-openai',
        options: {
          provider: 'azure-openai',
          apiKey: 'azure-secret-key-0001',
          resourceName: 'contoso',
          deploymentId: 'gpt4o',
          apiVersion: '2024-10-21',
        },
      },
    });
  });

  it('keeps workspaces apart: another workspace cannot resolve the slug or the config', async () => {
    const slug = await a.createVirtualKey({ name: 'private' });
    const configId = await a.createConfig('private', { virtual_key: slug });
    await expect(lookup.virtualKey(b.workspaceId, slug)).resolves.toEqual({ ok: false, reason: 'not-found' });
    await expect(lookup.savedConfig(b.workspaceId, configId)).resolves.toEqual({ ok: false, reason: 'not-found' });
    await expect(lookup.virtualKey(a.workspaceId, slug)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a disabled virtual key and serves it again once enabled', async () => {
    const keys = cp.get(VirtualKeysService);
    const slug = await a.createVirtualKey({ name: 'toggle' });
    await keys.update(a.workspaceId, slug, { enabled: false }, TEST_ACTOR);
    await expect(lookup.virtualKey(a.workspaceId, slug)).resolves.toEqual({ ok: false, reason: 'disabled' });
    await keys.update(a.workspaceId, slug, { enabled: true }, TEST_ACTOR);
    await expect(lookup.virtualKey(a.workspaceId, slug)).resolves.toMatchObject({ ok: true });
  });

  it('serves the rotated secret under the same slug', async () => {
    const slug = await a.createVirtualKey({ name: 'rotating', secret: { apiKey: 'sk-old-000000000000' } });
    await expect(lookup.virtualKey(a.workspaceId, slug)).resolves.toMatchObject({ value: { options: { apiKey: 'sk-old-000000000000' } } });
    await cp.get(VirtualKeysService).rotate(a.workspaceId, slug, { secret: { apiKey: 'sk-new-111111111111' } }, TEST_ACTOR);
    await expect(lookup.virtualKey(a.workspaceId, slug)).resolves.toMatchObject({ value: { options: { apiKey: 'sk-new-111111111111' } } });
  });

  it('resolves a saved config to its current version, and follows saves and restores', async () => {
    const slug = await a.createVirtualKey({ name: 'for-config' });
    const v1 = { strategy: { mode: 'fallback' }, targets: [{ virtual_key: slug }] };
    const configId = await a.createConfig('Support bot', v1);
    expect(configId).toMatch(/^pc-support-bot-[0-9a-f]{6}$/);
    await expect(lookup.savedConfig(a.workspaceId, configId)).resolves.toEqual({
      ok: true,
      value: { id: configId, workspaceId: a.workspaceId, version: 1, config: v1 },
    });
    const configs = cp.get(ConfigsService);
    const v2 = { virtual_key: slug, retry: { attempts: 2 } };
    await configs.update(a.workspaceId, configId, { config: v2 }, TEST_ACTOR);
    await expect(lookup.savedConfig(a.workspaceId, configId)).resolves.toMatchObject({ value: { version: 2, config: v2 } });
    await configs.restore(a.workspaceId, configId, 1, TEST_ACTOR);
    await expect(lookup.savedConfig(a.workspaceId, configId)).resolves.toMatchObject({ value: { version: 3, config: v1 } });
  });

  it('hands out frozen answers: a caller cannot corrupt the shared cache', async () => {
    const slug = await a.createVirtualKey({ name: 'frozen' });
    const configId = await a.createConfig('frozen', { strategy: { mode: 'fallback' }, targets: [{ virtual_key: slug, override_params: { model: 'gpt-4o' } }] });
    const key = await lookup.virtualKey(a.workspaceId, slug);
    if (!key.ok) throw new Error('expected the key');
    expect(() => {
      (key.value.options as Record<string, unknown>).apiKey = 'sk-hijacked';
    }).toThrow(TypeError);
    const config = await lookup.savedConfig(a.workspaceId, configId);
    if (!config.ok) throw new Error('expected the config');
    // The gateway compiles the frozen saved config as it would an inline one.
    expect(parseConfig(config.value.config)).toMatchObject({ ok: true, config: { targets: [{ virtualKey: slug }] } });
  });

  it('answers repeated lookups from memory: no database read per request', async () => {
    const slug = await a.createVirtualKey({ name: 'hot' });
    const configId = await a.createConfig('hot', { virtual_key: slug });
    const repository = cp.get(LookupRepository);
    const spies = [
      jest.spyOn(repository, 'apiKeyByHash'),
      jest.spyOn(repository, 'virtualKey'),
      jest.spyOn(repository, 'savedConfig'),
    ];
    // The misses read through the control plane's pg pool; Prisma is never asked (its query engine
    // is only for the admin API: control-plane.pool.ts).
    const prisma = cp.get(PrismaService);
    const prismaReads = [jest.spyOn(prisma.apiKey, 'findUnique'), jest.spyOn(prisma.virtualKey, 'findFirst'), jest.spyOn(prisma.config, 'findFirst')];
    const pool = cp.get(ControlPlanePool);
    const queries = jest.spyOn(pool, 'query');
    try {
      for (let i = 0; i < 1_000; i++) {
        await lookup.authenticate(a.apiKey);
        await lookup.virtualKey(a.workspaceId, slug);
        await lookup.savedConfig(a.workspaceId, configId);
      }
      // At most the first miss of each (the key may be cached from earlier tests already).
      for (const spy of spies) expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
      const reads = queries.mock.calls.filter(([sql]) => String(sql).trimStart().startsWith('SELECT'));
      expect(reads.length).toBeGreaterThanOrEqual(2); // the new virtual key and config were misses
      expect(reads.length).toBeLessThanOrEqual(3);
      for (const read of prismaReads) expect(read).not.toHaveBeenCalled();
    } finally {
      spies.forEach((s) => s.mockRestore());
      prismaReads.forEach((s) => s.mockRestore());
      queries.mockRestore();
    }
  });

  it('caches a miss too (negative answer)', async () => {
    const repository = cp.get(LookupRepository);
    const spy = jest.spyOn(repository, 'virtualKey');
    try {
      await lookup.virtualKey(a.workspaceId, 'nope-000000');
      await lookup.virtualKey(a.workspaceId, 'nope-000000');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
