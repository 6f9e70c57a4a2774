import { createHash } from 'node:crypto';
import { type ProviderAdapter, PROVIDERS, openAiCompatible } from '@aigw/providers';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * The gateway side of the provider hooks that need more than headers: fetched OAuth tokens
 * (Vertex service accounts, Azure Entra) and request signing over the final bytes (AWS SigV4).
 * The real token endpoints are fixed public hosts, so a test provider points its token source at
 * the mock's OAuth endpoint; the gateway code under test is the same.
 */
let mock: MockProvider;
let gateway: RunningGateway;
const base = openAiCompatible({ id: 'auth-probe', displayName: 'Auth probe', baseUrl: undefined });

const probe: ProviderAdapter = {
  ...base,
  headers: ({ options }) => ({ authorization: `Bearer ${options.accessToken ?? 'none'}` }),
  tokens: {
    cacheKey: (options) => (options.apiKey ? `probe:${createHash('sha256').update(options.apiKey).digest('hex').slice(0, 12)}` : undefined),
    fetchToken: async (options, http) => {
      const { status, json } = await http({
        url: `${String(options.customHost).replace(/\/v1$/, '')}/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=probe&client_secret=${encodeURIComponent(String(options.apiKey))}`,
      });
      if (status !== 200) throw new Error(`token endpoint answered ${status}`);
      const token = json as { access_token: string; expires_in: number };
      return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
    },
  },
  sign: (request) => ({ 'x-body-sha256': createHash('sha256').update(request.body).digest('hex') }),
};

beforeAll(async () => {
  (PROVIDERS as Map<string, ProviderAdapter>).set(probe.id, probe);
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  (PROVIDERS as Map<string, ProviderAdapter>).delete(probe.id);
  await gateway?.close();
  await mock?.close();
});

async function call(content: string) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer client-secret-1', 'x-portkey-provider': probe.id, 'x-portkey-custom-host': `${mock.url}/v1` },
    body: JSON.stringify({ model: 'probe-model', messages: [{ role: 'user', content }] }),
  });
}

it('fetches a token once, caches it, and sends it upstream', async () => {
  expect((await call('first')).status).toBe(200);
  expect((await call('second')).status).toBe(200);
  const tokenCalls = mock.requests().filter((r) => r.path === '/token');
  expect(tokenCalls).toHaveLength(1);
  const chats = mock.requests('probe-model');
  expect(chats).toHaveLength(2);
  for (const chat of chats) expect(chat.headers.authorization).toMatch(/^Bearer mock-token-/);
  expect(chats[0].headers.authorization).toBe(chats[1].headers.authorization);
});

it('signs the exact bytes sent upstream', async () => {
  await call('signed');
  const chat = mock.requests('probe-model').at(-1)!;
  const sent = JSON.stringify(chat.body);
  expect(chat.headers['x-body-sha256']).toBe(createHash('sha256').update(sent).digest('hex'));
});
