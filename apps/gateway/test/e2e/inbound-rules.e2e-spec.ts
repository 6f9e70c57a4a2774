import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { fakeControlPlane } from '../support/fake-control-plane.js';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * Global inbound rules, end to end: the test client connects from 127.0.0.1, and stands in for a
 * proxy (GATEWAY_TRUSTED_PROXIES=127.0.0.1) to present other client addresses and countries.
 */
let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock?.close());

async function withGateway(env: Record<string, string>, run: (gateway: RunningGateway, logs: ReturnType<typeof fakeControlPlane>['logs']) => Promise<void>) {
  const controlPlane = fakeControlPlane();
  const gateway = await startGateway({ inbound: loadGatewayConfig(env).inbound }, controlPlane.module);
  try {
    await run(gateway, controlPlane.logs);
  } finally {
    await gateway.close();
  }
}

function chat(gateway: RunningGateway, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer sk', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
}

it('refuses a denied client with a 403 in the error format and a request-log entry, before the provider is called', async () => {
  await withGateway({ GATEWAY_INBOUND_DENY: '127.0.0.0/8' }, async (gateway, logs) => {
    mock.reset();
    const response = await chat(gateway, { 'x-portkey-trace-id': 'inbound-1' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status: 'failure', message: "Request refused by the gateway's inbound rules: 127.0.0.1 is in the denied range 127.0.0.0/8" });
    expect(mock.count()).toBe(0);
    expect(logs).toEqual([expect.objectContaining({ traceId: 'inbound-1', status: 403, path: '/v1/chat/completions', errorMessage: expect.stringMatching(/denied range/) })]);
    // Health checks come from load balancers and stay reachable.
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    // The admin surface is behind the same rules.
    expect((await fetch(`${gateway.url}/admin/api/v1/auth/me`)).status).toBe(403);
  });
});

it('with an allow list, serves only the listed ranges', async () => {
  await withGateway({ GATEWAY_INBOUND_ALLOW: '10.0.0.0/8,::1' }, async (gateway) => {
    const response = await chat(gateway);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/127\.0\.0\.1 is not in an allowed range/);
  });
  await withGateway({ GATEWAY_INBOUND_ALLOW: '127.0.0.1' }, async (gateway) => {
    expect((await chat(gateway)).status).toBe(200);
  });
});

it('behind a trusted proxy, judges the X-Forwarded-For client (IPv4 and IPv6), and ignores it from anyone else', async () => {
  await withGateway({ GATEWAY_INBOUND_DENY: '203.0.113.0/24,2001:db8::/32', GATEWAY_TRUSTED_PROXIES: '127.0.0.1' }, async (gateway) => {
    expect((await chat(gateway, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await chat(gateway, { 'x-forwarded-for': '2001:db8::42' })).status).toBe(403);
    expect((await chat(gateway, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
  });
  await withGateway({ GATEWAY_INBOUND_DENY: '203.0.113.0/24' }, async (gateway) => {
    // No trusted proxy: a client cannot move itself into (or out of) a range by writing a header.
    expect((await chat(gateway, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
  });
});

it('refuses countries named by the trusted proxy header', async () => {
  await withGateway({ GATEWAY_TRUSTED_PROXIES: '127.0.0.1', GATEWAY_COUNTRY_HEADER: 'cf-ipcountry', GATEWAY_INBOUND_ALLOW_COUNTRIES: 'US,DE' }, async (gateway) => {
    expect((await chat(gateway, { 'cf-ipcountry': 'DE' })).status).toBe(200);
    const refused = await chat(gateway, { 'cf-ipcountry': 'FR' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/country FR are not allowed/);
    expect((await chat(gateway)).status).toBe(403);
  });
});

it('stops start-up on a malformed rule, naming it', () => {
  expect(() => loadGatewayConfig({ GATEWAY_INBOUND_ALLOW: '10.0.0.0/8,not-a-range' })).toThrow('GATEWAY_INBOUND_ALLOW: "not-a-range" is not an IP address or CIDR range');
});
