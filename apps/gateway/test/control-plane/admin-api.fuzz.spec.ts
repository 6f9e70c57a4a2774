import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildAdminOpenApi } from '../../src/admin/openapi.js';
import { type ControlPlaneGateway, startControlPlaneGateway } from '../gateway-control-plane/support/control-plane-gateway.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Bad input over the admin API, generated, through the gateway's real HTTP stack: every route in the OpenAPI document (so a new route is
 * fuzzed without being listed here), called as the owner with random path parameters, query
 * strings and JSON bodies (wrong types, huge numbers, deep nesting, odd strings). Whatever arrives,
 * the answer is never a 5xx, and a 4xx is the admin API's error format with a message in words.
 */
let db: TestDatabase;
let gateway: ControlPlaneGateway;
let app: NestFastifyApplication;
let token: string;
let workspaceId: string;
let routes: { method: string; path: string }[];

const owner = { email: 'fuzz-owner@example.com', password: 'a-long-owner-password' };
// Signing out would end the fuzzing session; everything else is fair game.
const SKIPPED = new Set(['POST /admin/api/v1/auth/logout', 'POST /admin/api/v1/auth/logout-everywhere']);

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startControlPlaneGateway(db.url, { controlPlane: { adminApi: true, bootstrapAdmin: owner } });
  app = gateway.app;
  const login = await app.inject({ method: 'POST', url: '/admin/api/v1/auth/login', payload: owner });
  token = JSON.parse(login.body).token;
  const workspaces = await app.inject({ method: 'GET', url: '/admin/api/v1/workspaces', headers: { authorization: `Bearer ${token}` } });
  workspaceId = JSON.parse(workspaces.body)[0].id;
  const document = await buildAdminOpenApi(app);
  routes = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path }))
      .filter((r) => !SKIPPED.has(`${r.method} ${r.path}`)),
  );
});
afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '../../etc/passwd', '%00', "'; DROP TABLE users; --", '\u0000', 'a'.repeat(3000), '-1', '1e309', 'null', '{}'),
);
const oddValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), oddString, fc.constantFrom(1e308, -1, 2 ** 53 + 1, 0.5, true, null));

it('every admin route answers random input with a 4xx in its error format, never a 5xx', async () => {
  expect(routes.length).toBeGreaterThan(30);
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 10_000 }),
      fc.boolean(),
      oddString,
      fc.dictionary(fc.constantFrom('limit', 'cursor', 'from', 'to', 'status', 'provider', 'model', 'groupBy', 'q'), oddString, { maxKeys: 3 }),
      fc.oneof(oddValue, fc.dictionary(fc.string({ maxLength: 12 }), oddValue, { maxKeys: 6 })),
      async (routeIndex, realWorkspace, param, query, body) => {
        const route = routes[routeIndex % routes.length];
        const url =
          route.path.replace(/\{workspaceId\}/g, realWorkspace ? workspaceId : encodeURIComponent(param)).replace(/\{[A-Za-z]+\}/g, () => encodeURIComponent(param) || 'x') +
          (Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '');
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT' ? { payload: JSON.stringify(body) } : {}),
        });
        const what = `${route.method} ${url} ${JSON.stringify(body).slice(0, 200)}`;
        if (response.statusCode >= 500) throw new Error(`${response.statusCode} for ${what}: ${response.body.slice(0, 300)}`);
        if (response.statusCode >= 400 && response.statusCode !== 404) {
          const parsed = JSON.parse(response.body) as { status?: string; message?: unknown };
          if (parsed.status !== 'failure' || typeof parsed.message !== 'string' || !parsed.message || parsed.message.includes('[object Object]')) {
            throw new Error(`${response.statusCode} without a clear error for ${what}: ${response.body.slice(0, 300)}`);
          }
        }
      },
    ),
    { numRuns: 400, seed: 11 },
  );
}, 120_000);
