/**
 * The custom-host guard, attacked the way a caller would, inside a network namespace (see
 * run-in-netns.mjs): its loopback carries private, shared and link-local addresses (10.77.0.1,
 * 192.168.77.1, 172.16.77.1, 100.64.77.1, 169.254.169.254, fd77::1, …) with canary listeners on
 * them, 11.77.0.1 stands in for a public address, and a stub DNS server answers names. Nothing
 * can leave the namespace; a canary that sees a connection fails the test.
 */
import { networkInterfaces } from 'node:os';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type ProviderAdapter, type ProviderOptions, PROVIDERS, openAiCompatible } from '@aigw/providers';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { fakeControlPlane } from '../support/fake-control-plane.js';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { type Canaries, startCanaries } from './support/canary.js';
import { type StubDns, startStubDns } from './support/stub-dns.js';

const PUBLIC = '11.77.0.1';
const RELAY_PORT = 9090; // a mock relay bound to 10.77.0.1 only, for the hosts that may go there
const MODEL = 'gpt-4o-mini';

let rebindCount = 0;
const ZONE = {
  'public.test': [PUBLIC],
  'private.test': ['10.77.0.1'],
  'meta.test': ['169.254.169.254'],
  'cgnat.test': ['100.64.77.1'],
  'mapped6.test': ['::ffff:a9fe:a9fe'],
  'nat64.test': ['64:ff9b::a9fe:a9fe'],
  'ula6.test': ['fd77::1'],
  'mixed.test': [PUBLIC, '192.168.77.1'],
  'zero.test': ['0.0.0.0'],
  // First lookup public, every later one private: a check-then-connect guard would be raced.
  'rebind.test': () => (rebindCount++ === 0 ? [PUBLIC] : ['10.77.0.1']),
  'metadata.google.internal': ['169.254.169.254'],
};

function assertInsideTestNamespace(): void {
  const local = Object.values(networkInterfaces()).flat().map((i) => i?.address);
  if (process.env.EGRESS_NETNS !== '1' || !local.includes('10.77.0.1') || !local.includes('169.254.169.254')) {
    throw new Error('The egress suite dials private and link-local addresses: run it only through test/egress/run-in-netns.mjs');
  }
}

let mock: MockProvider;
let canaries: Canaries;
let relay: Canaries;
let dns: StubDns;
let gateway: RunningGateway;

beforeAll(async () => {
  assertInsideTestNamespace();
  dns = await startStubDns(ZONE);
  mock = await startMockProvider();
  const forwardTo = { host: '127.0.0.1', port: mock.port };
  canaries = await startCanaries({ ports: [80, 443, 8080], forwardAddresses: [PUBLIC], forwardTo });
  relay = await startCanaries({ ports: [RELAY_PORT], host: '10.77.0.1', forwardAddresses: ['10.77.0.1'], forwardTo });
  gateway = await startGateway();
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([canaries?.close(), relay?.close(), mock?.close(), dns?.close()]);
});

afterEach(() => {
  // The one assertion every test shares: no forbidden address ever saw a connection.
  const hits = canaries.hits.splice(0);
  expect(hits).toEqual([]);
});

function chat(gatewayUrl: string, headers: Record<string, string>, stream = false): Promise<Response> {
  return fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    // The test client must not chase a relayed redirect itself: the canary would catch the test.
    redirect: 'manual',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', ...headers },
    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream }),
  });
}

function viaHeader(customHost: string, stream = false, url = gateway.url): Promise<Response> {
  return chat(url, { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': customHost }, stream);
}

function viaConfig(customHost: string): Promise<Response> {
  return chat(gateway.url, { 'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: 'sk-test', custom_host: customHost }) });
}

async function expectRefused(response: Response, pattern: RegExp): Promise<void> {
  const body = (await response.json()) as { status?: string; message?: string; error?: unknown };
  expect({ status: response.status, body }).toMatchObject({ status: 403, body: { status: 'failure' } });
  expect(body.message).toMatch(/^The gateway refused to connect to /);
  expect(body.message).toMatch(pattern);
  expect(body).not.toHaveProperty('provider');
}

describe('caller-chosen custom hosts (x-portkey-custom-host and custom_host)', () => {
  // The 14 spellings that reached the canary before the guard, and the other embeddings.
  const SPELLINGS: [string, RegExp][] = [
    ['http://169.254.169.254/latest/meta-data', /link-local address in 169\.254\.0\.0\/16/],
    ['http://10.77.0.1/v1', /private address in 10\.0\.0\.0\/8/],
    ['http://192.168.77.1/v1', /private address in 192\.168\.0\.0\/16/],
    ['http://172.16.77.1:8080/v1', /private address in 172\.16\.0\.0\/12/],
    ['http://100.64.77.1/v1', /carrier-grade NAT/],
    ['http://[::ffff:169.254.169.254]/', /link-local/],
    ['http://[::ffff:a9fe:a9fe]/', /link-local/],
    ['http://[::169.254.169.254]/', /link-local.*IPv4-compatible IPv6/],
    ['http://0xa9fea9fe/', /link-local/],
    ['http://2852039166/', /link-local/],
    ['http://0251.0376.0251.0376/', /link-local/],
    ['http://169.254.169.254./', /link-local/],
    ['http://169.254.43518/', /link-local/],
    ['http://0.0.0.0:8080/v1', /unspecified address/],
    ['http://[::]/v1', /unspecified address/],
    ['http://127.0.0.2/v1', /loopback address/],
    ['http://[64:ff9b::a9fe:a9fe]/', /link-local.*NAT64/],
    ['http://[2002:a9fe:a9fe::1]/', /link-local.*6to4/],
    ['http://[fd77::1]/v1', /private address in fc00::\/7/],
    ['http://[fd00:ec2::254]/latest/meta-data', /private address in fc00::\/7/],
    ['https://10.77.0.1/v1', /private address/],
    ['http://metadata.google.internal/computeMetadata/v1', /cloud metadata service/],
  ];

  it.each(SPELLINGS)('refuses %s in the header', async (customHost, reason) => {
    await expectRefused(await viaHeader(customHost), reason);
  });

  it.each(SPELLINGS)('refuses %s in an inline config', async (customHost, reason) => {
    await expectRefused(await viaConfig(customHost), reason);
  });

  it('refuses a streamed request the same way, before any byte is streamed', async () => {
    const response = await viaHeader('http://[::ffff:a9fe:a9fe]/', true);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    await expectRefused(response, /link-local/);
  });

  it('never asks DNS about a metadata host name', async () => {
    await viaHeader('http://metadata.google.internal/');
    expect(dns.queries.get('metadata.google.internal')).toBeUndefined();
  });

  it('stops a fallback at the refusal instead of moving on', async () => {
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        { provider: 'openai', api_key: 'sk-test', custom_host: 'http://10.77.0.1/v1' },
        { provider: 'openai', api_key: 'sk-test', custom_host: `http://127.0.0.1:${mock.port}/v1` },
      ],
    };
    mock.reset();
    await expectRefused(await chat(gateway.url, { 'x-portkey-config': JSON.stringify(config) }), /private/);
    expect(mock.count(MODEL)).toBe(0);
  });
});

describe('names, checked on the DNS answer actually dialled', () => {
  it.each([
    ['http://private.test/v1', /private\.test resolves to 10\.77\.0\.1, a private address/],
    ['http://meta.test/latest/meta-data', /meta\.test resolves to 169\.254\.169\.254, a link-local address/],
    ['http://cgnat.test/v1', /carrier-grade NAT/],
    ['http://mapped6.test/', /mapped6\.test resolves to 169\.254\.169\.254/],
    ['http://nat64.test/', /NAT64/],
    ['http://ula6.test/v1', /fd77::1, a private address/],
    ['http://mixed.test/v1', /mixed\.test resolves to 192\.168\.77\.1/],
    ['http://zero.test:8080/v1', /unspecified/],
  ])('refuses %s', async (customHost, reason) => {
    await expectRefused(await viaHeader(customHost), reason);
  });

  it('serves a name that resolves to a public address', async () => {
    const response = await viaHeader('http://public.test/v1');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { object: string }).object).toBe('chat.completion');
  });

  it('cannot be raced by a name that rebinds from public to private between lookups', async () => {
    // Each request uses a fresh origin (port in the host), so each one opens a new connection and
    // resolves the name again: the first lands on the public stand-in, every later one is refused.
    rebindCount = 0;
    const first = await viaHeader('http://rebind.test:80/v1');
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    for (const port of [8080, 443]) {
      await expectRefused(await viaHeader(`http://rebind.test:${port}/v1`), /rebind\.test resolves to 10\.77\.0\.1/);
    }
    expect(dns.queries.get('rebind.test')).toBeGreaterThanOrEqual(3);
  });
});

describe('token endpoints', () => {
  // A provider that fetches an OAuth token first: its token request goes through the same guard.
  const tokenProbe: ProviderAdapter = {
    ...openAiCompatible({ id: 'egress-token-probe', displayName: 'Token probe', baseUrl: undefined }),
    tokens: {
      cacheKey: () => 'egress-token-probe',
      fetchToken: async (_options, http) => {
        const { json } = await http({ url: 'http://169.254.169.254/metadata/identity/oauth2/token', headers: {}, body: '' });
        return { accessToken: String((json as { access_token?: string }).access_token), expiresInSeconds: 60 };
      },
    },
  };
  // The gateway's provider registry is built at start-up: register the probe, then start one.
  let probing: RunningGateway;
  beforeAll(async () => {
    (PROVIDERS as Map<string, ProviderAdapter>).set(tokenProbe.id, tokenProbe);
    probing = await startGateway();
  });
  afterAll(async () => {
    await probing?.close();
    (PROVIDERS as Map<string, ProviderAdapter>).delete(tokenProbe.id);
  });

  it('are refused like any other destination, as a gateway error', async () => {
    const response = await chat(probing.url, { 'x-portkey-provider': tokenProbe.id, 'x-portkey-custom-host': `http://127.0.0.1:${mock.port}/v1` });
    await expectRefused(response, /169\.254\.169\.254: it is a link-local address/);
  });
});

describe('redirects', () => {
  it('are never followed by the gateway, and their Location is not relayed to the client', async () => {
    mock.reset();
    mock.scenario(MODEL, [{ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/iam' }, body: '' }]);
    const response = await viaHeader(`http://127.0.0.1:${mock.port}/v1`);
    await response.arrayBuffer();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBeNull();
    expect(mock.count(MODEL)).toBe(1);
    mock.reset();
  });
});

describe('what must keep working', () => {
  it('loopback custom hosts (local models) by address and by name', async () => {
    for (const host of [`http://127.0.0.1:${mock.port}/v1`, `http://localhost:${mock.port}/v1`]) {
      const response = await viaHeader(host);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });

  it('TRUSTED_CUSTOM_HOSTS opens a private host by name or range for callers', async () => {
    const trusting = await startGateway({
      egress: loadGatewayConfig({ TRUSTED_CUSTOM_HOSTS: 'private.test,10.77.1.0/24,127.0.0.1' }).egress,
    });
    try {
      expect((await viaHeader(`http://private.test:${RELAY_PORT}/v1`, false, trusting.url)).status).toBe(200);
      // Listing one name opens nothing else: the same address by another spelling stays closed.
      mock.reset();
      await expectRefused(await viaHeader(`http://10.77.0.1:${RELAY_PORT}/v1`, false, trusting.url), /private/);
      expect(mock.count(MODEL)).toBe(0);
      // Loopback is trusted only because the list says so.
      expect((await viaHeader(`http://127.0.0.1:${mock.port}/v1`, false, trusting.url)).status).toBe(200);
      await expectRefused(await viaHeader(`http://localhost:${mock.port}/v1`, false, trusting.url), /loopback/);
    } finally {
      await trusting.close();
    }
  });
});

describe('custom hosts stored by an admin in a virtual key', () => {
  let vkGateway: RunningGateway;
  const keyWithHost = (customHost: string) => ({ provider: 'openai', apiKey: 'sk-stored', customHost }) as ProviderOptions;
  const keys = {
    'internal-vllm': keyWithHost(`http://10.77.0.1:${RELAY_PORT}/v1`),
    'internal-by-name': keyWithHost(`http://private.test:${RELAY_PORT}/v1`),
    'metadata-thief': keyWithHost('http://169.254.169.254/latest/meta-data'),
    'metadata-by-name': keyWithHost('http://meta.test/'),
  };

  beforeAll(async () => {
    vkGateway = await startGateway({}, fakeControlPlane(keys).module);
  });
  afterAll(() => vkGateway?.close());

  const withKey = (slug: string) => chat(vkGateway.url, { 'x-portkey-api-key': 'aigw_test', 'x-portkey-virtual-key': slug });

  it('may reach the private ranges the operator allows (default: RFC 1918, CGNAT, ULA, loopback)', async () => {
    for (const slug of ['internal-vllm', 'internal-by-name']) {
      const response = await withKey(slug);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });

  it('never the link-local metadata service, by address or by name', async () => {
    await expectRefused(await withKey('metadata-thief'), /link-local.*virtual keys may reach only/);
    await expectRefused(await withKey('metadata-by-name'), /meta\.test resolves to 169\.254\.169\.254/);
  });

  it('the same private host chosen by a caller stays refused on the same gateway', async () => {
    mock.reset();
    await expectRefused(await viaHeader(`http://10.77.0.1:${RELAY_PORT}/v1`, false, vkGateway.url), /private/);
    expect(mock.count(MODEL)).toBe(0);
  });

  it('GATEWAY_VIRTUAL_KEY_HOST_RANGES narrows what virtual keys may reach', async () => {
    const narrow = await startGateway({ egress: loadGatewayConfig({ GATEWAY_VIRTUAL_KEY_HOST_RANGES: '192.168.0.0/16' }).egress }, fakeControlPlane(keys).module);
    try {
      mock.reset();
      const response = await chat(narrow.url, { 'x-portkey-api-key': 'aigw_test', 'x-portkey-virtual-key': 'internal-vllm' });
      await expectRefused(response, /10\.77\.0\.1.*private/);
      expect(mock.count(MODEL)).toBe(0);
    } finally {
      await narrow.close();
    }
  });
});
