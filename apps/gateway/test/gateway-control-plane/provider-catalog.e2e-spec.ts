import { fileURLToPath } from 'node:url';
import { PROVIDERS } from '@aigw/providers';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import OpenAI from 'openai';
import { buildAdminOpenApi } from '../../src/admin/openapi.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * GET /admin/api/v1/providers: the registry the gateway routes with, plug-ins included, which the
 * console's provider pickers read. A provider loaded from GATEWAY_PROVIDER_PLUGINS (the example
 * in plugins/providers) is listed, can be stored in a virtual key through the admin API, served
 * through that key, and is known to the playground's dry run.
 */
const PLUGINS = fileURLToPath(new URL('../../../../plugins/providers', import.meta.url));
const OWNER = { email: 'owner@example.com', password: 'correct-horse-battery-staple' };
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let token: string;
let workspaceId: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, body?: unknown, auth: string | null = token): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${gateway.url}/admin/api/v1${path}`, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), origin: gateway.url },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url, { gateway: { providerPluginsDir: PLUGINS }, controlPlane: { adminApi: true, bootstrapAdmin: OWNER } });
  const login = await call('POST', '/auth/login', OWNER, null);
  expect(login.status).toBe(200);
  token = login.body.token;
  workspaceId = (await call('GET', '/auth/me')).body.workspaces[0].id;
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});

describe('GET /admin/api/v1/providers', () => {
  it('needs an admin session', async () => {
    expect(await call('GET', '/providers', undefined, null)).toMatchObject({ status: 401, body: { status: 'failure' } });
  });

  it('lists every built-in provider and the plug-in, sorted by name', async () => {
    const { status, body } = await call('GET', '/providers');
    expect(status).toBe(200);
    const list = body as unknown as Json[];
    expect(list).toHaveLength(PROVIDERS.size + 1);
    expect(list.find((p) => p.id === 'acme-llm')).toEqual({
      id: 'acme-llm',
      name: 'ACME in-house LLM (example plug-in)',
      needsCustomHost: false,
      plugin: true,
      endpoints: ['chatComplete'],
    });
    expect(list.find((p) => p.id === 'openai')).toMatchObject({ name: 'OpenAI', plugin: false, needsCustomHost: false, endpoints: expect.arrayContaining(['chatComplete', 'embed']) });
    // Self-hosted servers have no base URL: the virtual-key form asks for a custom host.
    expect(list.find((p) => p.id === 'vllm')).toMatchObject({ needsCustomHost: true });
    const names = list.map((p) => p.name as string);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('is in the OpenAPI document', async () => {
    const document = await buildAdminOpenApi(gateway.app);
    const operation = document.paths['/admin/api/v1/providers']?.get;
    expect(operation?.summary).toMatch(/provider/i);
    expect(JSON.stringify(operation?.responses)).toContain('needsCustomHost');
  });
});

describe('a plug-in provider in the workspace', () => {
  it('can be stored in a virtual key and serves requests through it', async () => {
    const vk = await call('POST', `/workspaces/${workspaceId}/virtual-keys`, {
      name: 'ACME prod',
      provider: 'acme-llm',
      secret: { apiKey: 'acme-secret' },
      settings: { customHost: `${mock.url}/v1` },
    });
    expect(vk.status).toBe(201);
    const apiKey = await call('POST', `/workspaces/${workspaceId}/api-keys`, { name: 'app' });
    expect(apiKey.status).toBe(201);
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: apiKey.body.key, maxRetries: 0, defaultHeaders: { 'x-portkey-virtual-key': vk.body.slug } });
    const completion = await client.chat.completions.create({ model: 'acme-vk', messages: [{ role: 'user', content: 'Hello acme' }] });
    expect(completion.choices[0].message.content).toContain('Hello acme');
    const [upstream] = mock.requests('acme-vk');
    expect(upstream.headers.authorization).toBe('Bearer acme-secret');
    expect(upstream.headers['x-acme-tenant']).toBe('default');
  });

  it('is known to the playground’s dry run', async () => {
    const run = await call('POST', `/workspaces/${workspaceId}/playground/dry-run`, {
      config: { strategy: { mode: 'fallback' }, targets: [{ provider: 'acme-llm', api_key: 'k' }, { provider: 'not-a-provider', api_key: 'k' }] },
    });
    expect(run.status).toBe(400);
    // Only the unknown id is refused; the plug-in's is not.
    expect(JSON.stringify(run.body)).toContain('Invalid provider passed: not-a-provider');
    expect(JSON.stringify(run.body)).not.toContain('Invalid provider passed: acme-llm');
    const ok = await call('POST', `/workspaces/${workspaceId}/playground/dry-run`, { config: { provider: 'acme-llm', api_key: 'k' } });
    expect(ok.status).toBe(200);
    expect(ok.body.route.target).toMatchObject({ provider: 'acme-llm' });
  });
});
