import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { WorkspacesService } from '../../src/control-plane/workspaces/workspaces.service.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * A workspace's own inbound rules (set by its owners, stored with the workspace): checked once the
 * request's API key names the workspace, on the client the operator's settings resolve (here the
 * test client stands behind a trusted proxy at 127.0.0.1 that sets X-Forwarded-For and a country).
 */
const OWNER = { email: 'inbound-owner@example.com', password: 'correct-horse-battery-staple' };
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let guarded: SeededWorkspace;
let open: SeededWorkspace;

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider();
  const inbound = loadGatewayConfig({ GATEWAY_TRUSTED_PROXIES: '127.0.0.1', GATEWAY_COUNTRY_HEADER: 'cf-ipcountry' }).inbound;
  gateway = await startControlPlaneGateway(db.url, { gateway: { inbound }, controlPlane: { adminApi: true, bootstrapAdmin: OWNER } });
  guarded = await gateway.seed('Guarded workspace');
  open = await gateway.seed('Open workspace');
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});

function call(ws: SeededWorkspace, client: string, country = 'US') {
  return chat(gateway.url, {
    'x-portkey-api-key': ws.apiKey,
    'x-portkey-provider': 'openai',
    authorization: 'Bearer sk-provider',
    'x-portkey-custom-host': `${mock.url}/v1`,
    'x-forwarded-for': client,
    'cf-ipcountry': country,
  });
}

async function setRules(rules: Parameters<WorkspacesService['update']>[1]['inboundRules']) {
  await gateway.get(WorkspacesService).update(guarded.workspaceId, { inboundRules: rules }, TEST_ACTOR);
}

it('refuses denied ranges and countries for the workspace that set them, and only for it', async () => {
  await setRules({ allow: [], deny: ['203.0.113.0/24', '2001:db8::/32'], allowCountries: [], denyCountries: ['KP'] });
  await waitFor(async () => (await call(guarded, '203.0.113.9')).status === 403, 5_000, 50);

  const refused = await call(guarded, '203.0.113.9');
  expect(refused.json).toEqual({ status: 'failure', message: "Request refused by the workspace's inbound rules: 203.0.113.9 is in the denied range 203.0.113.0/24" });
  expect((await call(guarded, '2001:db8::7')).status).toBe(403);
  expect((await call(guarded, '198.51.100.4', 'KP')).json.message).toMatch(/country KP are denied/);
  expect((await call(guarded, '198.51.100.4')).status).toBe(200);
  // Another workspace, the same client: the rules are not global.
  expect((await call(open, '203.0.113.9')).status).toBe(200);
});

it('an allow list lets only its ranges and countries in; removing the rules opens the workspace again', async () => {
  await setRules({ allow: ['198.51.100.0/24'], deny: [], allowCountries: ['DE', 'FR'], denyCountries: [] });
  await waitFor(async () => (await call(guarded, '198.51.100.4', 'US')).status === 403, 5_000, 50);
  expect((await call(guarded, '198.51.100.4', 'DE')).status).toBe(200);
  expect((await call(guarded, '192.0.2.1', 'DE')).json.message).toMatch(/192\.0\.2\.1 is not in an allowed range/);

  await setRules(null);
  await waitFor(async () => (await call(guarded, '192.0.2.1', 'US')).status === 200, 5_000, 50);
});

it('the admin API validates the rules and names the bad value', async () => {
  const login = await fetch(`${gateway.url}/admin/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gateway.url },
    body: JSON.stringify(OWNER),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const [workspace] = (await (await fetch(`${gateway.url}/admin/api/v1/workspaces`, { headers: auth })).json()) as { id: string }[];
  const patch = (inboundRules: unknown) =>
    fetch(`${gateway.url}/admin/api/v1/workspaces/${workspace.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ inboundRules }) });

  const bad = await patch({ allow: ['10.0.0.0/8', 'bogus'] });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain('inboundRules.allow: \\"bogus\\" is not an IP address or CIDR range');
  expect((await patch({ denyCountries: ['Germany'] })).status).toBe(400);

  const good = await patch({ deny: ['203.0.113.0/24'] });
  expect(good.status).toBe(200);
  expect(((await good.json()) as { inboundRules: unknown }).inboundRules).toEqual({ allow: [], deny: ['203.0.113.0/24'], allowCountries: [], denyCountries: [] });
});
