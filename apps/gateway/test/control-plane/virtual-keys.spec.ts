/**
 * Virtual keys through the service: validation naming the field, credentials encrypted at rest
 * (the stored bytes never contain the plaintext), never returned, never in the audit log.
 */
import { randomBytes } from 'node:crypto';
import { AuditLogService } from '../../src/control-plane/audit/audit-log.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../src/control-plane/control-plane.errors.js';
import { VirtualKeysService } from '../../src/control-plane/virtual-keys/virtual-keys.service.js';
import { PrismaService } from '../../src/database/prisma.service.js';
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

describe('virtual keys', () => {
  let db: TestDatabase;
  let cp: ControlPlaneContext;
  let keys: VirtualKeysService;
  let ws: SeededWorkspace;

  beforeAll(async () => {
    db = await createTestDatabase();
    cp = await startControlPlane(testOptions(db.url));
    keys = cp.get(VirtualKeysService);
    ws = await seedWorkspace(cp);
  });

  afterAll(async () => {
    await cp?.close();
    await db?.drop();
  });

  it('stores the credential encrypted: neither the column nor the row contain the plaintext', async () => {
    const secret = `sk-proj-${randomBytes(16).toString('hex')}`;
    const awsSecret = `aws/${randomBytes(16).toString('base64')}`;
    const openai = await keys.create(ws.workspaceId, { name: 'OpenAI', provider: 'openai', secret: { apiKey: secret }, settings: {} }, TEST_ACTOR);
    const bedrock = await keys.create(
      ws.workspaceId,
      { name: 'Bedrock', provider: 'bedrock', secret: { awsAccessKeyId: 'AKIAEXAMPLE123456', awsSecretAccessKey: awsSecret }, settings: { awsRegion: 'eu-west-1' } },
      TEST_ACTOR,
    );
    const prisma = cp.get(PrismaService);
    const rows = await prisma.$queryRaw<{ bytes: Uint8Array; row: string }[]>`
      SELECT encrypted_secret AS bytes, row_to_json(v)::text AS row FROM virtual_keys v WHERE slug IN (${openai.slug}, ${bedrock.slug})`;
    expect(rows).toHaveLength(2);
    for (const { bytes, row } of rows) {
      const stored = Buffer.from(bytes);
      for (const plain of [secret, awsSecret, 'AKIAEXAMPLE123456']) {
        expect(stored.includes(Buffer.from(plain))).toBe(false);
        expect(row).not.toContain(plain);
      }
    }
    // What the admin API returns: the masked hint only.
    expect(openai.secretHint).toBe(`sk-…${secret.slice(-4)}`);
    expect(JSON.stringify([openai, bedrock, await keys.list(ws.workspaceId), await keys.get(ws.workspaceId, openai.slug)])).not.toContain(secret);
    expect(JSON.stringify(await keys.list(ws.workspaceId))).not.toContain(awsSecret);
  });

  it('keeps secrets out of the audit log', async () => {
    const secret = `sk-audit-${randomBytes(12).toString('hex')}`;
    const created = await keys.create(ws.workspaceId, { name: 'Audited', provider: 'openai', secret: { apiKey: secret }, settings: {} }, TEST_ACTOR);
    const rotated = `sk-rotated-${randomBytes(12).toString('hex')}`;
    await keys.rotate(ws.workspaceId, created.slug, { secret: { apiKey: rotated } }, TEST_ACTOR);
    const audit = await cp.get(AuditLogService).list(ws.workspaceId, { limit: 100 });
    const text = JSON.stringify(audit);
    expect(text).toContain('virtual_key.create');
    expect(text).toContain('virtual_key.rotate');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(rotated);
  });

  it('rotation replaces the secret, keeps the slug and counts versions', async () => {
    const created = await keys.create(ws.workspaceId, { name: 'Rotate me', provider: 'openai', secret: { apiKey: 'sk-first-0000000000' }, settings: {} }, TEST_ACTOR);
    const rotated = await keys.rotate(ws.workspaceId, created.slug, { secret: { apiKey: 'sk-second-111111111' } }, TEST_ACTOR);
    expect(rotated.slug).toBe(created.slug);
    expect(rotated.secretVersion).toBe(2);
    expect(rotated.secretHint).toBe('sk-…1111');
    expect(rotated.rotatedAt).toBeInstanceOf(Date);
  });

  it('validates provider requirements, naming the field', async () => {
    const missing = await rejection(
      keys.create(ws.workspaceId, { name: 'Azure', provider: 'azure-openai', secret: { apiKey: 'k' }, settings: { resourceName: 'r' } }, TEST_ACTOR),
    );
    expect(missing.code).toBe(ControlPlaneErrorCode.Invalid);
    expect(missing.field).toBe('settings.deploymentId');
    const created = await keys.create(ws.workspaceId, { name: 'OpenAI', provider: 'openai', secret: { apiKey: 'sk-x-0000000000' }, settings: {} }, TEST_ACTOR);
    const rotation = await rejection(keys.rotate(ws.workspaceId, created.slug, { secret: {} }, TEST_ACTOR));
    expect(rotation.field).toBe('secret.apiKey');
  });

  it('answers 404-style for unknown slugs and for other workspaces', async () => {
    const other = await seedWorkspace(cp, 'Other');
    const theirs = await other.createVirtualKey({ name: 'theirs' });
    for (const attempt of [
      keys.get(ws.workspaceId, 'missing-000000'),
      keys.get(ws.workspaceId, theirs),
      keys.update(ws.workspaceId, theirs, { enabled: false }, TEST_ACTOR),
      keys.rotate(ws.workspaceId, theirs, { secret: { apiKey: 'sk-steal-000000000' } }, TEST_ACTOR),
      keys.remove(ws.workspaceId, theirs, TEST_ACTOR),
    ]) {
      expect((await rejection(attempt)).code).toBe(ControlPlaneErrorCode.NotFound);
    }
    await expect(keys.get(other.workspaceId, theirs)).resolves.toMatchObject({ enabled: true, secretVersion: 1 });
  });

  it('deletes', async () => {
    const created = await keys.create(ws.workspaceId, { name: 'Temp', provider: 'openai', secret: { apiKey: 'sk-temp-0000000000' }, settings: {} }, TEST_ACTOR);
    await keys.remove(ws.workspaceId, created.slug, TEST_ACTOR);
    expect((await rejection(keys.get(ws.workspaceId, created.slug))).code).toBe(ControlPlaneErrorCode.NotFound);
  });
});
