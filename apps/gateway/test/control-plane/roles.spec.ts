/**
 * Role enforcement on every admin API route, for every role, table-driven. The table states the
 * least role each route needs, written from the product rules (viewer reads logs and analytics
 * but creates nothing; member manages configs and their own API keys; admin manages keys and
 * members; owner manages SSO and workspaces), not from the server's permission table, and the
 * test fails when a route exists that the table does not list. Calls use ids that do not exist and
 * empty bodies, so an allowed call answers 400/404 (or 200) and changes nothing, while a refused
 * one answers 403 before any validation.
 */
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildAdminOpenApi } from '../../src/admin/openapi.js';
import { startAdminApp, testOptions } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

type Role = 'owner' | 'admin' | 'member' | 'viewer';
type Need = Role | 'public' | 'signed-in';
const RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };
const ROLES: Role[] = ['owner', 'admin', 'member', 'viewer'];

const W = '/admin/api/v1/workspaces/{workspaceId}';
const ROUTES: [method: string, path: string, need: Need][] = [
  ['POST', '/admin/api/v1/auth/login', 'public'],
  ['POST', '/admin/api/v1/auth/logout', 'signed-in'],
  ['POST', '/admin/api/v1/auth/logout-everywhere', 'signed-in'],
  ['GET', '/admin/api/v1/auth/me', 'signed-in'],
  ['GET', '/admin/api/v1/auth/sso/connections', 'public'],
  ['GET', '/admin/api/v1/auth/sso/{connectionId}/login', 'public'],
  ['GET', '/admin/api/v1/auth/sso/callback', 'public'],
  ['GET', '/admin/api/v1/workspaces', 'signed-in'],
  ['GET', '/admin/api/v1/providers', 'signed-in'],
  ['POST', '/admin/api/v1/workspaces', 'owner'],
  ['GET', W, 'viewer'],
  ['PATCH', W, 'owner'],
  ['GET', `${W}/virtual-keys`, 'viewer'],
  ['POST', `${W}/virtual-keys`, 'admin'],
  ['GET', `${W}/virtual-keys/{slug}`, 'viewer'],
  ['PATCH', `${W}/virtual-keys/{slug}`, 'admin'],
  ['DELETE', `${W}/virtual-keys/{slug}`, 'admin'],
  ['POST', `${W}/virtual-keys/{slug}/rotate`, 'admin'],
  ['GET', `${W}/configs`, 'viewer'],
  ['POST', `${W}/configs`, 'member'],
  ['GET', `${W}/configs/{configId}`, 'viewer'],
  ['PATCH', `${W}/configs/{configId}`, 'member'],
  ['DELETE', `${W}/configs/{configId}`, 'member'],
  ['GET', `${W}/configs/{configId}/versions/{version}`, 'viewer'],
  ['POST', `${W}/configs/{configId}/versions/{version}/restore`, 'member'],
  ['GET', `${W}/api-keys`, 'member'],
  ['POST', `${W}/api-keys`, 'member'],
  ['GET', `${W}/api-keys/{apiKeyId}`, 'member'],
  ['POST', `${W}/api-keys/{apiKeyId}/revoke`, 'member'],
  ['GET', `${W}/members`, 'viewer'],
  ['POST', `${W}/members`, 'admin'],
  ['PATCH', `${W}/members/{userId}`, 'admin'],
  ['DELETE', `${W}/members/{userId}`, 'admin'],
  ['GET', `${W}/logs`, 'viewer'],
  ['GET', `${W}/logs/{logId}`, 'viewer'],
  ['GET', `${W}/analytics/usage`, 'viewer'],
  ['GET', `${W}/shadow/comparison`, 'viewer'],
  ['GET', `${W}/replays`, 'viewer'],
  ['GET', `${W}/replays/{replayId}`, 'viewer'],
  ['POST', `${W}/replays`, 'member'],
  ['POST', `${W}/replays/{replayId}/cancel`, 'member'],
  ['GET', `${W}/audit-logs`, 'admin'],
  ['POST', `${W}/playground/dry-run`, 'viewer'],
  ['GET', `${W}/limits`, 'viewer'],
  ['GET', `${W}/limits/usage`, 'viewer'],
  ['PUT', `${W}/limits`, 'admin'],
  ['DELETE', `${W}/limits/{limitId}`, 'admin'],
  ['GET', `${W}/sso/connections`, 'owner'],
  ['POST', `${W}/sso/connections`, 'owner'],
  ['GET', `${W}/sso/connections/{connectionId}`, 'owner'],
  ['PATCH', `${W}/sso/connections/{connectionId}`, 'owner'],
  ['DELETE', `${W}/sso/connections/{connectionId}`, 'owner'],
  ['POST', `${W}/sso/connections/{connectionId}/test`, 'owner'],
  ['GET', `${W}/sso/settings`, 'owner'],
  ['PATCH', `${W}/sso/settings`, 'owner'],
];

describe('role enforcement on every admin route', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let workspaceId: string;
  const tokens = {} as Record<Role, string>;

  async function call(method: string, url: string, token?: string, body?: unknown) {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(method === 'POST' || method === 'PATCH' ? { payload: (body ?? {}) as object } : {}),
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  function concrete(path: string): string {
    return path
      .replace('{workspaceId}', workspaceId)
      .replace('{slug}', 'no-such-key-000000')
      .replace('{configId}', 'pc-no-such-config-000000')
      .replace('{version}', '1')
      .replace('{apiKeyId}', randomUUID())
      .replace('{userId}', randomUUID())
      .replace('{logId}', '999999999')
      .replace('{connectionId}', randomUUID());
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const owner = { email: 'owner@example.com', password: 'a-long-owner-password' };
    app = await startAdminApp(testOptions(db.url, { bootstrapAdmin: owner }), { openApi: true });
    tokens.owner = (await call('POST', '/admin/api/v1/auth/login', undefined, owner)).body.token;
    workspaceId = (await call('GET', '/admin/api/v1/auth/me', tokens.owner)).body.workspaces[0].id;
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const person = { email: `${role}@example.com`, password: `a-long-${role}-password` };
      expect((await call('POST', `/admin/api/v1/workspaces/${workspaceId}/members`, tokens.owner, { ...person, role })).status).toBe(201);
      tokens[role] = (await call('POST', '/admin/api/v1/auth/login', undefined, person)).body.token;
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists every route of the admin API in the table (a new route must state its role)', async () => {
    const document = await buildAdminOpenApi(app);
    const served = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });

  describe.each(ROLES)('as %s', (role) => {
    it.each(ROUTES.filter(([, , need]) => need !== 'public'))('%s %s (needs %s)', async (method, path, need) => {
      const { status, body } = await call(method, concrete(path), tokens[role]);
      const allowed = need === 'signed-in' || RANK[role] >= RANK[need as Role];
      if (allowed) {
        expect({ status, message: body?.message }).not.toMatchObject({ status: 403 });
        expect(status).not.toBe(401);
      } else {
        expect({ status, body }).toMatchObject({ status: 403, body: { status: 'failure', message: expect.stringContaining(`the ${role} role cannot do this`) } });
      }
      if (path === '/admin/api/v1/auth/logout' || path === '/admin/api/v1/auth/logout-everywhere') {
        // Those two end the session: sign in again for the next rows.
        const person = role === 'owner' ? { email: 'owner@example.com', password: 'a-long-owner-password' } : { email: `${role}@example.com`, password: `a-long-${role}-password` };
        tokens[role] = (await call('POST', '/admin/api/v1/auth/login', undefined, person)).body.token;
      }
    });
  });

  it('refuses every non-public route without a credential (401)', async () => {
    for (const [method, path] of ROUTES.filter(([, , need]) => need !== 'public')) {
      const { status } = await call(method, concrete(path));
      expect({ method, path, status }).toEqual({ method, path, status: 401 });
    }
  });

  it('keeps the owner role to owners, and admin API keys to owners, even where admins manage', async () => {
    const members = `/admin/api/v1/workspaces/${workspaceId}/members`;
    const promote = await call('POST', members, tokens.admin, { email: 'new-owner@example.com', role: 'owner', password: 'a-long-password-123' });
    expect(promote).toMatchObject({ status: 403, body: { message: 'only owners grant, change or remove the owner role' } });
    const ownerId = (await call('GET', '/admin/api/v1/auth/me', tokens.owner)).body.actor.id;
    expect((await call('PATCH', `${members}/${ownerId}`, tokens.admin, { role: 'viewer' })).status).toBe(403);
    expect((await call('DELETE', `${members}/${ownerId}`, tokens.admin)).status).toBe(403);
    const added = await call('POST', members, tokens.admin, { email: 'helper@example.com', role: 'member', password: 'a-long-password-456' });
    expect(added.status).toBe(201);
    expect((await call('POST', `/admin/api/v1/workspaces/${workspaceId}/api-keys`, tokens.admin, { name: 'ci', kind: 'admin' })).status).toBe(403);
    expect((await call('POST', '/admin/api/v1/workspaces', tokens.admin, { name: 'Mine' })).status).toBe(403);
  });

  it('lets a member see and revoke only the API keys they created', async () => {
    const keys = `/admin/api/v1/workspaces/${workspaceId}/api-keys`;
    const mine = await call('POST', keys, tokens.member, { name: 'member app' });
    const theirs = await call('POST', keys, tokens.admin, { name: 'admin app' });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const listed = await call('GET', keys, tokens.member);
    expect(listed.body.map((k: { id: string }) => k.id)).toEqual([mine.body.apiKey.id]);
    expect((await call('GET', keys, tokens.admin)).body.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining([mine.body.apiKey.id, theirs.body.apiKey.id]));
    expect((await call('GET', `${keys}/${theirs.body.apiKey.id}`, tokens.member)).status).toBe(404);
    expect((await call('POST', `${keys}/${theirs.body.apiKey.id}/revoke`, tokens.member)).status).toBe(404);
    expect((await call('POST', `${keys}/${mine.body.apiKey.id}/revoke`, tokens.member)).status).toBe(200);
  });

  it('tells each role what it may do (GET /auth/me), matching what the server allows', async () => {
    const expected: Record<Role, { has: string[]; lacks: string[] }> = {
      viewer: { has: ['logs:read', 'analytics:read'], lacks: ['configs:write', 'api-keys:own', 'virtual-keys:write'] },
      member: { has: ['configs:write', 'api-keys:own'], lacks: ['virtual-keys:write', 'members:manage'] },
      admin: { has: ['virtual-keys:write', 'api-keys:manage', 'members:manage'], lacks: ['sso:manage', 'workspace:manage'] },
      owner: { has: ['sso:manage', 'workspace:manage', 'admin-keys:manage'], lacks: [] },
    };
    for (const role of ROLES) {
      const me = await call('GET', '/admin/api/v1/auth/me', tokens[role]);
      const permissions: string[] = me.body.workspaces[0].permissions;
      expect(me.body.workspaces[0].role).toBe(role);
      expect(permissions).toEqual(expect.arrayContaining(expected[role].has));
      for (const p of expected[role].lacks) expect(permissions).not.toContain(p);
    }
  });
});
