import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { APIError } from 'openai';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { type PortkeySdkOptions, portkeySdkClient, portkeySdkHeaders } from '../support/portkey-sdk-client.js';

/**
 * The Portkey SDK's two usual setups from Portkey's docs, against a gateway without a database:
 * (1) `provider` + `Authorization` (the provider's key), (2) `config` with the provider and its
 * key inline. The SDK always sends `x-portkey-api-key`; here it holds a Portkey key this gateway
 * never issued, which must be ignored. A request that needs a workspace resource (virtual key,
 * saved config) or a gateway with GATEWAY_REQUIRE_API_KEY still refuses it.
 *
 * The `portkey-ai` package is not installed here: the client sends the SDK's exact headers
 * through the OpenAI SDK, which is what the Portkey SDK itself does for these calls.
 */
let mock: MockProvider;
let gateway: RunningGateway;
const PORTKEY_KEY = 'pk-live-not-issued-by-this-gateway';

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const messages = [{ role: 'user' as const, content: 'Hello from the Portkey SDK' }];

function providerSetup() {
  return portkeySdkClient({ baseURL: gateway.url, apiKey: PORTKEY_KEY, provider: 'openai', Authorization: 'sk-provider-key', config: { custom_host: `${mock.url}/v1` } });
}

function configSetup() {
  return portkeySdkClient({ baseURL: gateway.url, apiKey: PORTKEY_KEY, config: { provider: 'openai', api_key: 'sk-config-key', custom_host: `${mock.url}/v1` } });
}

/** The SDK call fails with the status; the body (which the OpenAI SDK does not expose for the gateway's `{status, message}` shape) is read by the same request sent with fetch. */
async function refusal(options: PortkeySdkOptions, model: string): Promise<{ status: number; body: unknown }> {
  const error = await portkeySdkClient(options).chat.completions.create({ model, messages }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(APIError);
  const response = await fetch(`${options.baseURL}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}`, ...portkeySdkHeaders(options) },
    body: JSON.stringify({ model, messages }),
  });
  expect(response.status).toBe((error as APIError).status);
  return { status: response.status, body: await response.json() };
}

describe('Portkey SDK, provider + Authorization, unknown x-portkey-api-key', () => {
  it('answers JSON with the provider key upstream and the Portkey key nowhere', async () => {
    const completion = await providerSetup().chat.completions.create({ model: 'sdk-provider-json', messages });
    expect(completion.choices[0].message.content).toBeTruthy();
    const [upstream] = mock.requests('sdk-provider-json');
    expect(upstream.headers.authorization).toBe('Bearer sk-provider-key');
    expect(JSON.stringify(upstream.headers)).not.toContain(PORTKEY_KEY);
  });

  it('streams', async () => {
    const stream = await providerSetup().chat.completions.create({ model: 'sdk-provider-stream', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(mock.requests('sdk-provider-stream')[0].headers.authorization).toBe('Bearer sk-provider-key');
  });
});

describe('Portkey SDK, config, unknown x-portkey-api-key', () => {
  it('answers JSON with the config key upstream (not the Portkey key the SDK sends as Bearer)', async () => {
    const completion = await configSetup().chat.completions.create({ model: 'sdk-config-json', messages });
    expect(completion.object).toBe('chat.completion');
    expect(mock.requests('sdk-config-json')[0].headers.authorization).toBe('Bearer sk-config-key');
  });

  it('streams', async () => {
    const stream = await configSetup().chat.completions.create({ model: 'sdk-config-stream', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(mock.count('sdk-config-stream')).toBe(1);
  });
});

describe('what still needs a gateway API key', () => {
  it('refuses a virtual key: there is no control plane to resolve it', async () => {
    const r = await refusal({ baseURL: gateway.url, apiKey: PORTKEY_KEY, virtualKey: 'openai-prod-123456' }, 'sdk-vk');
    expect(r).toEqual({ status: 401, body: { status: 'failure', message: 'Gateway API keys, virtual keys and saved configs need the control plane (a database)' } });
    expect(mock.count('sdk-vk')).toBe(0);
  });

  it('refuses a saved config id', async () => {
    const r = await refusal({ baseURL: gateway.url, apiKey: PORTKEY_KEY, config: 'pc-prod-chat-adeb7e' }, 'sdk-saved');
    expect(r).toEqual({ status: 401, body: { status: 'failure', message: 'Gateway API keys, virtual keys and saved configs need the control plane (a database)' } });
    expect(mock.count('sdk-saved')).toBe(0);
  });

  it('refuses every request when GATEWAY_REQUIRE_API_KEY is set', async () => {
    const strict = await startGateway({ requireApiKey: true });
    try {
      const options = { baseURL: strict.url, apiKey: PORTKEY_KEY, provider: 'openai', Authorization: 'sk-provider-key', config: { custom_host: `${mock.url}/v1` } };
      const r = await refusal(options, 'sdk-strict');
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ status: 'failure' });
      expect(mock.count('sdk-strict')).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
