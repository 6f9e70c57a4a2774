/**
 * The admin REST API over HTTP (Fastify, as served): bootstrap and login, sessions and admin API
 * keys, CRUD with validation errors that name the field, roles, workspace isolation (404, never
 * 403, for other tenants), the audit trail, log search with keyset pagination, usage analytics
 * and the OpenAPI document.
 */
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BootstrapService } from '../../src/control-plane/bootstrap/bootstrap.service.js';
import type { RequestLogEntry } from '../../src/control-plane/control-plane.port.js';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { buildAdminOpenApi } from '../../src/admin/openapi.js';
import { startAdminApp, testOptions } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const OWNER = { email: 'owner@example.com', password: 'a-long-owner-password' };
const API = '/admin/api/v1';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('admin API', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let token: string;
  let workspaceId: string;

  async function call(method: string, url: string, options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
    const auth = options.token === null ? {} : { authorization: `Bearer ${options.token ?? token}` };
    const response = await app.inject({ method: method as 'GET', url: `${API}${url}`, headers: { ...auth, ...options.headers }, payload: options.body as Json });
    return { status: response.statusCode, body: (response.body ? JSON.parse(response.body) : undefined) as Json, headers: response.headers, raw: response.body };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startAdminApp(testOptions(db.url, { bootstrapAdmin: OWNER }), { openApi: true });
    const login = await call('POST', '/auth/login', { token: null, body: OWNER });
    expect(login.status).toBe(200);
    token = login.body.token;
    const me = await call('GET', '/auth/me');
    workspaceId = me.body.workspaces[0].id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('authentication', () => {
    it('bootstrapped the first owner once (idempotent)', async () => {
      const me = await call('GET', '/auth/me');
      expect(me.body).toMatchObject({ email: OWNER.email, workspaces: [{ name: 'Default', role: 'owner' }] });
      await expect(app.get(BootstrapService).ensureFirstAdmin(OWNER)).resolves.toMatchObject({ created: false });
      // Two processes starting at once with the same ADMIN_EMAIL: one creates, the other stands down.
      const racer = { email: 'racer@example.com', password: 'a-long-racer-password' };
      const results = await Promise.all([app.get(BootstrapService).ensureFirstAdmin(racer), app.get(BootstrapService).ensureFirstAdmin(racer)]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    });

    it('refuses missing and wrong credentials with 401', async () => {
      expect((await call('GET', '/workspaces', { token: null })).status).toBe(401);
      expect((await call('GET', '/workspaces', { token: 'aigw_session_forged' })).status).toBe(401);
      const wrong = await call('POST', '/auth/login', { token: null, body: { ...OWNER, password: 'nope' } });
      expect(wrong).toMatchObject({ status: 401, body: { status: 'failure', message: 'invalid email or password' } });
    });

    it('sets an HttpOnly session cookie that authenticates, and logout ends the session', async () => {
      const login = await call('POST', '/auth/login', { token: null, body: OWNER });
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^aigw_admin_session=aigw_session_[^;]+; Path=\/admin; HttpOnly; SameSite=Lax/);
      const viaCookie = await call('GET', '/auth/me', { token: null, headers: { cookie: cookie.split(';')[0]! } });
      expect(viaCookie.status).toBe(200);
      expect((await call('POST', '/auth/logout', { token: login.body.token })).status).toBe(204);
      expect((await call('GET', '/auth/me', { token: login.body.token })).status).toBe(401);
    });

    it('accepts an admin API key for its own workspace only', async () => {
      const created = await call('POST', `/workspaces/${workspaceId}/api-keys`, { body: { name: 'ci', kind: 'admin' } });
      expect(created.status).toBe(201);
      const adminKey = created.body.key as string;
      expect(adminKey).toMatch(/^aigw_admin_/);
      const list = await call('GET', `/workspaces/${workspaceId}/virtual-keys`, { token: null, headers: { 'x-admin-api-key': adminKey } });
      expect(list.status).toBe(200);
      const other = await call('POST', '/workspaces', { body: { name: 'Other' } });
      expect((await call('GET', `/workspaces/${other.body.id}/virtual-keys`, { token: adminKey })).status).toBe(404);
      // Keys cannot mint admin keys (owners only), so a leaked key cannot entrench itself.
      expect((await call('POST', `/workspaces/${workspaceId}/api-keys`, { token: adminKey, body: { name: 'x', kind: 'admin' } })).status).toBe(403);
      await call('POST', `/workspaces/${workspaceId}/api-keys/${created.body.apiKey.id}/revoke`);
      expect((await call('GET', `/workspaces/${workspaceId}/virtual-keys`, { token: adminKey })).status).toBe(401);
    });
  });

  describe('virtual keys', () => {
    it('creates, lists, updates, rotates and deletes, never returning the secret', async () => {
      const secret = 'sk-proj-http-secret-0123456789abcd';
      const created = await call('POST', `/workspaces/${workspaceId}/virtual-keys`, {
        body: { name: 'OpenAI prod', provider: 'openai', secret: { apiKey: secret } },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'OpenAI prod', provider: 'openai', secretHint: 'sk-…abcd', enabled: true });
      const slug = created.body.slug as string;
      const list = await call('GET', `/workspaces/${workspaceId}/virtual-keys`);
      const renameSlug = await call('PATCH', `/workspaces/${workspaceId}/virtual-keys/${slug}`, { body: { slug: 'mine' } });
      expect(renameSlug).toMatchObject({ status: 400, body: { field: 'slug' } }); // slugs are immutable
      const patched = await call('PATCH', `/workspaces/${workspaceId}/virtual-keys/${slug}`, { body: { name: 'OpenAI main', enabled: false } });
      expect(patched.body).toMatchObject({ slug, name: 'OpenAI main', enabled: false });
      const rotated = await call('POST', `/workspaces/${workspaceId}/virtual-keys/${slug}/rotate`, { body: { secret: { apiKey: 'sk-proj-rotated-secret-000000wxyz' } } });
      expect(rotated).toMatchObject({ status: 200, body: { slug, secretVersion: 2, secretHint: 'sk-…wxyz' } });
      for (const response of [created, list, patched, rotated]) {
        expect(response.raw).not.toContain(secret);
        expect(response.raw).not.toContain('rotated-secret');
      }
      expect((await call('DELETE', `/workspaces/${workspaceId}/virtual-keys/${slug}`)).status).toBe(204);
      expect((await call('GET', `/workspaces/${workspaceId}/virtual-keys/${slug}`)).status).toBe(404);
    });

    it('answers bad input with 400 naming the field', async () => {
      const cases: [unknown, string][] = [
        [{ provider: 'openai', secret: { apiKey: 'k' } }, 'name'],
        [{ name: 'x', provider: 'openai', secret: { apiKey: 'k' }, settings: { customHost: 'not a url' } }, 'settings.customHost'],
        [{ name: 'x', provider: 'openai', secret: { apiKey: 'k', sneaky: 1 } }, 'secret.sneaky'],
        [{ name: 'x', provider: 'openai' }, 'secret.apiKey'],
        [{ name: 'x', provider: 'azure-openai', secret: { apiKey: 'k' }, settings: { resourceName: 'r', deploymentId: 'd' } }, 'settings.apiVersion'],
      ];
      for (const [body, field] of cases) {
        const response = await call('POST', `/workspaces/${workspaceId}/virtual-keys`, { body });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ status: 'failure', field });
        expect(response.body.message).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
      }
    });
  });

  describe('configs', () => {
    it('saves versions and restores, with the gateway’s validation errors', async () => {
      const vk = await call('POST', `/workspaces/${workspaceId}/virtual-keys`, { body: { name: 'for configs', provider: 'openai', secret: { apiKey: 'sk-cfg-000000000000' } } });
      const slug = vk.body.slug;
      const bad = await call('POST', `/workspaces/${workspaceId}/configs`, { body: { name: 'bad', config: { strategy: { mode: 'nope' }, targets: [{ virtual_key: slug }] } } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ status: 'failure', message: 'Invalid config passed', field: 'config' });
      expect(bad.body.errors[0]).toMatch(/^path: strategy,mode, message: /);

      const created = await call('POST', `/workspaces/${workspaceId}/configs`, { body: { name: 'Support bot', config: { virtual_key: slug } } });
      expect(created).toMatchObject({ status: 201, body: { currentVersion: 1 } });
      const id = created.body.id as string;
      expect(id).toMatch(/^pc-support-bot-/);
      const saved = await call('PATCH', `/workspaces/${workspaceId}/configs/${id}`, { body: { config: { virtual_key: slug, retry: { attempts: 2 } } } });
      expect(saved.body).toMatchObject({ currentVersion: 2, config: { retry: { attempts: 2 } } });
      const v1 = await call('GET', `/workspaces/${workspaceId}/configs/${id}/versions/1`);
      expect(v1.body).toMatchObject({ version: 1, config: { virtual_key: slug } });
      const restored = await call('POST', `/workspaces/${workspaceId}/configs/${id}/versions/1/restore`);
      expect(restored).toMatchObject({ status: 200, body: { currentVersion: 3, config: { virtual_key: slug } } });
      expect((await call('GET', `/workspaces/${workspaceId}/configs/${id}/versions/abc`)).body).toMatchObject({ field: 'version' });
      expect((await call('GET', `/workspaces/${workspaceId}/configs/${id}/versions/99`)).status).toBe(404);
    });
  });

  describe('API keys', () => {
    it('shows a key once, stores only its hash, revokes', async () => {
      const created = await call('POST', `/workspaces/${workspaceId}/api-keys`, { body: { name: 'app', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
      expect(created.status).toBe(201);
      const { key, apiKey } = created.body;
      expect(key).toMatch(/^aigw_/);
      const listed = await call('GET', `/workspaces/${workspaceId}/api-keys`);
      expect(listed.raw).not.toContain(key);
      expect(listed.body.find((k: Json) => k.id === apiKey.id)).toMatchObject({ hint: `aigw_…${key.slice(-4)}`, kind: 'gateway' });
      const revoked = await call('POST', `/workspaces/${workspaceId}/api-keys/${apiKey.id}/revoke`);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      expect((await call('POST', `/workspaces/${workspaceId}/api-keys`, { body: { name: 'past', expiresAt: '2001-01-01T00:00:00Z' } })).body).toMatchObject({
        status: 'failure',
        field: 'expiresAt',
      });
      expect((await call('POST', `/workspaces/${workspaceId}/api-keys`, { body: { name: 'bad', expiresAt: 'soon' } })).body.field).toBe('expiresAt');
    });
  });

  describe('members and roles', () => {
    it('adds a viewer who can read but not write, and keeps one owner', async () => {
      const added = await call('POST', `/workspaces/${workspaceId}/members`, {
        body: { email: 'viewer@example.com', role: 'viewer', password: 'viewer-password-123' },
      });
      expect(added).toMatchObject({ status: 201, body: { email: 'viewer@example.com', role: 'viewer' } });
      expect((await call('POST', `/workspaces/${workspaceId}/members`, { body: { email: 'viewer@example.com', role: 'admin' } })).status).toBe(409);
      expect((await call('POST', `/workspaces/${workspaceId}/members`, { body: { email: 'new@example.com', role: 'admin' } })).body.field).toBe('password');

      const login = await call('POST', '/auth/login', { token: null, body: { email: 'viewer@example.com', password: 'viewer-password-123' } });
      const viewer = login.body.token as string;
      expect((await call('GET', `/workspaces/${workspaceId}/virtual-keys`, { token: viewer })).status).toBe(200);
      expect((await call('GET', `/workspaces/${workspaceId}/logs`, { token: viewer })).status).toBe(200);
      const write = await call('POST', `/workspaces/${workspaceId}/virtual-keys`, { token: viewer, body: { name: 'x', provider: 'openai', secret: { apiKey: 'k' } } });
      expect(write.status).toBe(403);
      expect((await call('GET', `/workspaces/${workspaceId}/api-keys`, { token: viewer })).status).toBe(403);

      const me = await call('GET', '/auth/me');
      const ownerId = me.body.actor.id;
      expect((await call('PATCH', `/workspaces/${workspaceId}/members/${ownerId}`, { body: { role: 'admin' } })).status).toBe(409);
      expect((await call('DELETE', `/workspaces/${workspaceId}/members/${ownerId}`)).status).toBe(409);
      expect((await call('PATCH', `/workspaces/${workspaceId}/members/${added.body.userId}`, { body: { role: 'admin' } })).body.role).toBe('admin');
      expect((await call('DELETE', `/workspaces/${workspaceId}/members/${added.body.userId}`)).status).toBe(204);
      expect((await call('GET', `/workspaces/${workspaceId}/virtual-keys`, { token: viewer })).status).toBe(404);
    });
  });

  describe('workspace isolation', () => {
    it('answers 404 for another tenant’s workspace and objects, whatever the route', async () => {
      const outsider = await call('POST', `/workspaces/${workspaceId}/members`, { body: { email: 'outsider@example.com', role: 'owner', password: 'outsider-password-1' } });
      expect(outsider.status).toBe(201);
      const login = await call('POST', '/auth/login', { token: null, body: { email: 'outsider@example.com', password: 'outsider-password-1' } });
      const outsiderToken = login.body.token as string;
      const theirs = await call('POST', '/workspaces', { token: outsiderToken, body: { name: 'Theirs' } });
      await call('DELETE', `/workspaces/${workspaceId}/members/${outsider.body.userId}`);
      const vk = await call('POST', `/workspaces/${theirs.body.id}/virtual-keys`, { token: outsiderToken, body: { name: 'theirs', provider: 'openai', secret: { apiKey: 'sk-theirs-00000000' } } });
      expect(vk.status).toBe(201);

      for (const [method, url] of [
        ['GET', `/workspaces/${theirs.body.id}`],
        ['GET', `/workspaces/${theirs.body.id}/virtual-keys`],
        ['GET', `/workspaces/${theirs.body.id}/virtual-keys/${vk.body.slug}`],
        ['DELETE', `/workspaces/${theirs.body.id}/virtual-keys/${vk.body.slug}`],
        ['GET', `/workspaces/${theirs.body.id}/logs`],
        ['GET', `/workspaces/${randomUUID()}/configs`],
      ] as const) {
        const response = await call(method, url);
        expect({ url, status: response.status }).toEqual({ url, status: 404 });
      }
      // Their slug through our workspace: not found either.
      expect((await call('GET', `/workspaces/${workspaceId}/virtual-keys/${vk.body.slug}`)).status).toBe(404);
      expect((await call('GET', '/workspaces')).body.map((w: Json) => w.id)).not.toContain(theirs.body.id);
    });
  });

  describe('audit log', () => {
    it('records every write with who and what, and no secrets', async () => {
      const secret = 'sk-audit-http-00000000000000';
      await call('POST', `/workspaces/${workspaceId}/virtual-keys`, { body: { name: 'audited', provider: 'openai', secret: { apiKey: secret } } });
      await call('PATCH', `/workspaces/${workspaceId}`, { body: { logBodies: true } });
      const page = await call('GET', `/workspaces/${workspaceId}/audit-logs?limit=200`);
      expect(page.status).toBe(200);
      const actions = page.body.data.map((e: Json) => e.action);
      for (const action of ['bootstrap.first_admin', 'virtual_key.create', 'virtual_key.rotate', 'virtual_key.delete', 'config.create', 'config.save_version', 'config.restore', 'api_key.create', 'api_key.revoke', 'member.add', 'member.update_role', 'member.remove', 'workspace.update']) {
        expect(actions).toContain(action);
      }
      const latest = page.body.data.find((e: Json) => e.action === 'workspace.update');
      expect(latest).toMatchObject({ actorType: 'user', actorLabel: OWNER.email, targetType: 'workspace', details: { logBodies: true } });
      expect(page.raw).not.toContain(secret);
      const first = await call('GET', `/workspaces/${workspaceId}/audit-logs?limit=2`);
      const next = await call('GET', `/workspaces/${workspaceId}/audit-logs?limit=2&cursor=${first.body.nextCursor}`);
      expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
      expect(Number(next.body.data[0].id)).toBeLessThan(Number(first.body.data[1].id));
    });
  });

  describe('logs and analytics', () => {
    const day1 = new Date('2026-03-01T10:00:00Z');
    const day2 = new Date('2026-03-02T10:00:00Z');

    beforeAll(async () => {
      const writer = app.get(RequestLogWriter);
      const base: Omit<RequestLogEntry, 'createdAt' | 'traceId' | 'status' | 'latencyMs'> = {
        workspaceId,
        method: 'POST',
        path: '/v1/chat/completions',
        retryCount: 0,
        stream: false,
        provider: 'openai',
        model: 'gpt-4o',
        promptTokens: 100,
        completionTokens: 10,
      };
      for (let i = 1; i <= 20; i++) {
        writer.enqueue({ ...base, createdAt: new Date(day1.getTime() + i * 1000), traceId: `d1-${i}`, status: i <= 2 ? 500 : 200, latencyMs: i * 10 });
      }
      for (let i = 1; i <= 5; i++) {
        writer.enqueue({ ...base, provider: 'anthropic', model: 'claude-3-5-haiku', createdAt: new Date(day2.getTime() + i * 1000), traceId: `d2-${i}`, status: 429, latencyMs: 100 });
      }
      await writer.flush();
    });

    it('searches with filters and pages newest-first without gaps or repeats', async () => {
      const range = `from=${day1.toISOString()}&to=${new Date(day2.getTime() + 86_400_000).toISOString()}`;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof call>> = await call('GET', `/workspaces/${workspaceId}/logs?${range}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((r: Json) => r.traceId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect(seen[0]).toBe('d2-5');
      expect(seen[24]).toBe('d1-1');

      const errors = await call('GET', `/workspaces/${workspaceId}/logs?${range}&status=5xx`);
      expect(errors.body.data.map((r: Json) => r.traceId).sort()).toEqual(['d1-1', 'd1-2']);
      const byProvider = await call('GET', `/workspaces/${workspaceId}/logs?${range}&provider=anthropic&limit=200`);
      expect(byProvider.body.data).toHaveLength(5);
      expect(byProvider.body.data[0]).not.toHaveProperty('requestBody');
      const one = await call('GET', `/workspaces/${workspaceId}/logs/${byProvider.body.data[0].id}`);
      expect(one.body).toMatchObject({ traceId: 'd2-5', status: 429 });
      expect((await call('GET', `/workspaces/${workspaceId}/logs?status=600`)).body.field).toBe('status');
      expect((await call('GET', `/workspaces/${workspaceId}/logs?cursor=garbage`)).body.field).toBe('cursor');
      expect((await call('GET', `/workspaces/${workspaceId}/logs?limit=1000`)).body.field).toBe('limit');
    });

    it('aggregates requests, errors, latency percentiles, tokens and cost by day and by provider', async () => {
      const range = `from=${day1.toISOString().slice(0, 10)}&to=2026-03-03`;
      const byDay = await call('GET', `/workspaces/${workspaceId}/analytics/usage?${range}&groupBy=day`);
      expect(byDay.status).toBe(200);
      expect(byDay.body.rows).toEqual([
        expect.objectContaining({ key: '2026-03-01', requests: 20, errors: 2, p50LatencyMs: 105, promptTokens: 2000, completionTokens: 200 }),
        expect.objectContaining({ key: '2026-03-02', requests: 5, errors: 5, p50LatencyMs: 100, p95LatencyMs: 100 }),
      ]);
      expect(byDay.body.rows[0].p95LatencyMs).toBeCloseTo(190.5, 5);
      // gpt-4o: 100 × 2.5 + 10 × 10 per million, × 20 requests.
      expect(byDay.body.rows[0].costUsd).toBeCloseTo(0.007, 8);
      expect(byDay.body.totals).toMatchObject({ requests: 25, errors: 7 });
      const byProvider = await call('GET', `/workspaces/${workspaceId}/analytics/usage?${range}&groupBy=provider`);
      expect(byProvider.body.rows.map((r: Json) => [r.key, r.requests])).toEqual([
        ['anthropic', 5],
        ['openai', 20],
      ]);
      expect((await call('GET', `/workspaces/${workspaceId}/analytics/usage?groupBy=color`)).body.field).toBe('groupBy');
      expect((await call('GET', `/workspaces/${workspaceId}/analytics/usage?from=2026-03-03&to=2026-03-01`)).body.field).toBe('from');
    });
  });

  it('describes itself in an OpenAPI document, served as JSON', async () => {
    const served = await app.inject({ method: 'GET', url: '/admin/api/v1/openapi.json' });
    expect(served.statusCode).toBe(200);
    const document = await buildAdminOpenApi(app);
    expect(Object.keys(JSON.parse(served.body).paths)).toEqual(Object.keys(document.paths));
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/admin/api/v1/auth/login',
        '/admin/api/v1/workspaces/{workspaceId}/virtual-keys',
        '/admin/api/v1/workspaces/{workspaceId}/virtual-keys/{slug}/rotate',
        '/admin/api/v1/workspaces/{workspaceId}/configs/{configId}/versions/{version}/restore',
        '/admin/api/v1/workspaces/{workspaceId}/api-keys',
        '/admin/api/v1/workspaces/{workspaceId}/members',
        '/admin/api/v1/workspaces/{workspaceId}/logs',
        '/admin/api/v1/workspaces/{workspaceId}/analytics/usage',
        '/admin/api/v1/workspaces/{workspaceId}/audit-logs',
      ]),
    );
    expect(paths.every((p) => p.startsWith('/admin/api/v1/'))).toBe(true);
    const create = document.paths['/admin/api/v1/workspaces/{workspaceId}/virtual-keys']!.post!;
    expect(JSON.stringify(create.requestBody)).toContain('customHost');
  });

  it('serves Swagger UI for that document: its page, the files the page loads, nothing else', async () => {
    const page = await app.inject({ method: 'GET', url: '/admin/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const scripts = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(expect.arrayContaining(['/admin/api/docs/swagger-ui-bundle.js', '/admin/api/docs/init.js', '/admin/api/docs/swagger-ui.css']));
    for (const url of scripts) {
      const file = await app.inject({ method: 'GET', url });
      expect({ url, status: file.statusCode }).toEqual({ url, status: 200 });
      expect(file.body.length).toBeGreaterThan(0);
    }
    const bundle = await app.inject({ method: 'GET', url: '/admin/api/docs/swagger-ui-bundle.js' });
    expect(bundle.headers['content-type']).toContain('text/javascript');
    expect(bundle.body).toContain('SwaggerUIBundle');
    const init = await app.inject({ method: 'GET', url: '/admin/api/docs/init.js' });
    expect(init.body).toContain('"/admin/api/v1/openapi.json"');
    for (const url of ['/admin/api/docs/package.json', '/admin/api/docs/..%2F..%2Fpackage.json', '/admin/api/docs/index.html']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });
});
