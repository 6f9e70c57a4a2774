/**
 * Cookie sessions from the browser's side: CSRF refusal of state-changing cookie calls (missing
 * or wrong token, foreign Origin; bearer and admin-key calls exempt), login CSRF, logout, "sign
 * out everywhere", and switching password sign-in off once SSO works, with the bootstrap owner's
 * break-glass path.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jest } from '@jest/globals';
import pg from 'pg';
import { AdminAuthService } from '../../src/control-plane/auth/admin-auth.service.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { startAdminApp, testOptions } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OWNER = { email: 'owner@example.com', password: 'a-long-owner-password' };
const MEMBER = { email: 'member@example.com', password: 'a-long-member-password' };
const HOST = 'console.test:8787';
const SAME_ORIGIN = `http://${HOST}`;

describe('cookie sessions, CSRF and sign-out', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let workspaceId: string;

  interface Call {
    token?: string;
    cookie?: string;
    csrf?: string;
    origin?: string;
    body?: unknown;
  }

  async function call(method: string, url: string, options: Call = {}) {
    const headers: Record<string, string> = { host: HOST };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    if (options.origin) headers.origin = options.origin;
    const response = await app.inject({ method: method as 'GET', url: `/admin/api/v1${url}`, headers, payload: options.body as Json });
    return { status: response.statusCode, body: (response.body ? JSON.parse(response.body) : undefined) as Json, cookies: ([] as string[]).concat(response.headers['set-cookie'] ?? []) };
  }

  /** Password sign-in as a browser: the session and CSRF cookies it gets. */
  async function browserLogin(person: { email: string; password: string }) {
    const login = await call('POST', '/auth/login', { body: person, origin: SAME_ORIGIN });
    expect(login.status).toBe(200);
    const value = (name: string) => login.cookies.find((c) => c.startsWith(`${name}=`))!.split(';')[0]!.slice(name.length + 1);
    return { token: login.body.token as string, cookie: `aigw_admin_session=${value('aigw_admin_session')}; aigw_csrf=${value('aigw_csrf')}`, csrf: decodeURIComponent(value('aigw_csrf')), raw: login.cookies };
  }

  async function sql(text: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    delete process.env.GATEWAY_PUBLIC_URL; // same-origin checks against the Host header
    db = await createTestDatabase();
    app = await startAdminApp(testOptions(db.url, { bootstrapAdmin: OWNER }));
    const owner = await browserLogin(OWNER);
    workspaceId = (await call('GET', '/auth/me', { token: owner.token })).body.workspaces[0].id;
    await call('POST', `/workspaces/${workspaceId}/members`, { token: owner.token, body: { ...MEMBER, role: 'member' } });
  });

  afterAll(async () => {
    delete process.env.GATEWAY_BREAK_GLASS;
    await app?.close();
    await db?.drop();
  });

  describe('CSRF', () => {
    const newConfig = () => ({ name: `c-${Math.random().toString(36).slice(2, 8)}`, config: { provider: 'openai' } });

    it('sets a readable CSRF cookie next to the HttpOnly session cookie, and returns the same token from /auth/me', async () => {
      const session = await browserLogin(MEMBER);
      expect(session.raw.find((c) => c.startsWith('aigw_admin_session='))).toMatch(/HttpOnly; SameSite=Lax/);
      const csrfCookie = session.raw.find((c) => c.startsWith('aigw_csrf='))!;
      expect(csrfCookie).toMatch(/Path=\/admin; SameSite=Lax/);
      expect(csrfCookie).not.toMatch(/HttpOnly/);
      expect((await call('GET', '/auth/me', { cookie: session.cookie })).body.csrfToken).toBe(session.csrf);
    });

    it('marks both cookies Secure behind TLS (a proxy saying x-forwarded-proto: https)', async () => {
      const response = await app.inject({ method: 'POST', url: '/admin/api/v1/auth/login', headers: { host: HOST, 'x-forwarded-proto': 'https' }, payload: MEMBER });
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      expect(cookies).toHaveLength(2);
      for (const cookie of cookies) expect(cookie).toMatch(/; Secure$/);
    });

    it('refuses a state-changing cookie call without the token, with a wrong one, or from another origin (403)', async () => {
      const session = await browserLogin(MEMBER);
      const url = `/workspaces/${workspaceId}/configs`;
      const refused = { status: 403, body: { status: 'failure', message: expect.stringMatching(/^CSRF check failed/) } };
      expect(await call('POST', url, { cookie: session.cookie, body: newConfig() })).toMatchObject(refused);
      expect(await call('POST', url, { cookie: session.cookie, csrf: 'not-the-token', body: newConfig() })).toMatchObject(refused);
      const other = await browserLogin(OWNER);
      expect(await call('POST', url, { cookie: session.cookie, csrf: other.csrf, body: newConfig() })).toMatchObject(refused); // another session's token
      expect(await call('POST', url, { cookie: session.cookie, csrf: session.csrf, origin: 'https://evil.example', body: newConfig() })).toMatchObject(refused);
      expect(await call('POST', `/auth/logout`, { cookie: session.cookie })).toMatchObject(refused);
      expect(await call('DELETE', `${url}/pc-whatever`, { cookie: session.cookie })).toMatchObject(refused);
      // Nothing was created by the refused calls.
      expect((await call('GET', url, { token: session.token })).body).toEqual([]);
    });

    it('lets the console through with the token from its own origin, and reads need no token', async () => {
      const session = await browserLogin(MEMBER);
      const url = `/workspaces/${workspaceId}/configs`;
      expect((await call('GET', url, { cookie: session.cookie })).status).toBe(200);
      expect((await call('POST', url, { cookie: session.cookie, csrf: session.csrf, origin: SAME_ORIGIN, body: newConfig() })).status).toBe(201);
      expect((await call('POST', url, { cookie: session.cookie, csrf: session.csrf, body: newConfig() })).status).toBe(201); // no Origin sent (same-origin GET-less clients)
    });

    it('exempts bearer tokens and admin API keys (a browser never attaches those by itself)', async () => {
      const owner = await browserLogin(OWNER);
      const url = `/workspaces/${workspaceId}/configs`;
      expect((await call('POST', url, { token: owner.token, body: newConfig() })).status).toBe(201);
      const key = await call('POST', `/workspaces/${workspaceId}/api-keys`, { token: owner.token, body: { name: 'ci', kind: 'admin' } });
      const response = await app.inject({ method: 'POST', url: `/admin/api/v1${url}`, headers: { 'x-admin-api-key': key.body.key }, payload: newConfig() });
      expect(response.statusCode).toBe(201);
    });

    it('refuses a password login posted from another site (login CSRF)', async () => {
      expect(await call('POST', '/auth/login', { body: MEMBER, origin: 'https://evil.example' })).toMatchObject({ status: 403, body: { message: expect.stringMatching(/^CSRF check failed/) } });
    });
  });

  describe('sign-out', () => {
    it('logout ends this session and clears both cookies', async () => {
      const session = await browserLogin(MEMBER);
      const out = await call('POST', '/auth/logout', { cookie: session.cookie, csrf: session.csrf });
      expect(out.status).toBe(204);
      expect(out.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/^aigw_admin_session=; .*Max-Age=0/), expect.stringMatching(/^aigw_csrf=; .*Max-Age=0/)]));
      expect((await call('GET', '/auth/me', { cookie: session.cookie })).status).toBe(401);
    });

    it('"sign out everywhere" revokes every session of the user, and only theirs', async () => {
      const laptop = await browserLogin(MEMBER);
      const phone = await browserLogin(MEMBER);
      const someoneElse = await browserLogin(OWNER);
      const out = await call('POST', '/auth/logout-everywhere', { cookie: laptop.cookie, csrf: laptop.csrf });
      expect(out).toMatchObject({ status: 200, body: { revoked: expect.any(Number) } });
      expect(out.body.revoked).toBeGreaterThanOrEqual(2);
      expect((await call('GET', '/auth/me', { cookie: laptop.cookie })).status).toBe(401);
      expect((await call('GET', '/auth/me', { token: phone.token })).status).toBe(401);
      expect((await call('GET', '/auth/me', { token: someoneElse.token })).status).toBe(200);
      // A user-level event (no workspace), in the audit table.
      const audit = await sql("SELECT actor_label FROM audit_logs WHERE action = 'auth.logout_everywhere'");
      expect(audit).toEqual([{ actor_label: MEMBER.email }]);
    });
  });

  describe('password sign-in switched off', () => {
    it('cannot be switched off before an SSO connection has worked (409)', async () => {
      const owner = await browserLogin(OWNER);
      const off = await call('PATCH', `/workspaces/${workspaceId}/sso/settings`, { token: owner.token, body: { passwordLogin: false } });
      expect(off).toMatchObject({ status: 409, body: { field: 'passwordLogin', message: expect.stringContaining('only once an enabled SSO connection has signed someone in') } });
    });

    it('cuts password sessions off the workspace, refuses new password sign-ins, and lets the bootstrap owner break glass', async () => {
      const owner = await browserLogin(OWNER);
      const member = await browserLogin(MEMBER);
      const created = await call('POST', `/workspaces/${workspaceId}/sso/connections`, {
        token: owner.token,
        body: { name: 'IdP', issuer: 'https://idp.example.com', clientId: 'c', clientSecret: 'client-secret-value' },
      });
      // Stands in for a successful SSO sign-in through it (tested end to end in test/sso).
      await sql('UPDATE sso_connections SET verified_at = now() WHERE id = $1', [created.body.id]);
      const off = await call('PATCH', `/workspaces/${workspaceId}/sso/settings`, { token: owner.token, body: { passwordLogin: false } });
      expect(off).toMatchObject({ status: 200, body: { passwordLogin: false, ssoVerified: true } });

      // Existing password sessions lose the workspace at once (404, like any workspace not theirs).
      expect((await call('GET', `/workspaces/${workspaceId}/configs`, { token: member.token })).status).toBe(404);
      expect((await call('GET', '/auth/me', { token: member.token })).body.workspaces).toEqual([]);
      // New password sign-ins are refused with the reason.
      expect(await call('POST', '/auth/login', { body: MEMBER })).toMatchObject({ status: 403, body: { message: 'password sign-in is switched off for your workspaces: sign in with SSO' } });
      expect((await call('POST', '/auth/login', { body: OWNER })).status).toBe(403);

      // Break glass: the bootstrap owner, with GATEWAY_BREAK_GLASS=true set on the server.
      process.env.GATEWAY_BREAK_GLASS = 'true';
      const glass = await call('POST', '/auth/login', { body: OWNER });
      expect(glass).toMatchObject({ status: 200, body: { method: 'break_glass' } });
      expect((await call('GET', `/workspaces/${workspaceId}/sso/settings`, { token: glass.body.token })).body.passwordLogin).toBe(false);
      expect((await call('POST', '/auth/login', { body: MEMBER })).status).toBe(403); // only the bootstrap owner
      const audit = await call('GET', `/workspaces/${workspaceId}/audit-logs?limit=200`, { token: glass.body.token });
      expect(audit.body.data.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['auth.break_glass', 'workspace.password_login']));
      // Back on: password sessions see the workspace again.
      expect((await call('PATCH', `/workspaces/${workspaceId}/sso/settings`, { token: glass.body.token, body: { passwordLogin: true } })).status).toBe(200);
      delete process.env.GATEWAY_BREAK_GLASS;
      expect((await call('GET', `/workspaces/${workspaceId}/configs`, { token: member.token })).status).toBe(200);
      expect((await call('POST', '/auth/login', { body: MEMBER })).status).toBe(200);
    });
  });

  it('the hourly purge removes expired sessions only, on the pg pool (Prisma stays unloaded)', async () => {
    const live = await browserLogin(OWNER);
    const [{ user_id: userId }] = await sql('SELECT user_id FROM admin_sessions LIMIT 1');
    await sql(`INSERT INTO admin_sessions (id, token_hash, user_id, expires_at) VALUES (gen_random_uuid(), 'expired-purge-test', $1, now() - interval '1 minute')`, [userId]);
    const prisma = app.get(PrismaService);
    const prismaDeletes = jest.spyOn(prisma.adminSession, 'deleteMany');
    try {
      expect(await app.get(AdminAuthService).purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
      expect(prismaDeletes).not.toHaveBeenCalled();
    } finally {
      prismaDeletes.mockRestore();
    }
    expect(await sql(`SELECT 1 FROM admin_sessions WHERE token_hash = 'expired-purge-test'`)).toHaveLength(0);
    expect((await call('GET', '/auth/me', { token: live.token })).status).toBe(200);
  });
});
