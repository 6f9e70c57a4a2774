import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { Portkey } from 'portkey-ai';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * The real Portkey Node SDK (`portkey-ai`) against a gateway without a database, in the two setups
 * from Portkey's docs: (1) `provider` + `Authorization` (the provider's key), (2) `config` with
 * the provider and its key inline. The SDK always sends `x-portkey-api-key`; here it holds a value
 * this gateway never issued, which must be ignored. A request that needs a workspace resource
 * (virtual key, saved config), or a gateway with GATEWAY_REQUIRE_API_KEY, refuses it.
 *
 * What the SDK sends (3.1.0, checked on the wire): chat, completions and embeddings go through its
 * own fetch client to `<baseURL>/chat/completions` etc., with every option as an
 * `x-portkey-<kebab-case>` header (`config` as a JSON string), `Authorization` as given (without
 * `Bearer ` added), `x-portkey-strict-open-ai-compliance: false`, camelCase body keys turned into
 * snake_case, and no Authorization at all when none is given. `responses` and the
 * `chat.completions.stream()` helper go through an OpenAI client instead, whose Bearer token is
 * the Portkey key unless `Authorization` is given.
 */
let mock: MockProvider;
let gateway: RunningGateway;
const PORTKEY_KEY = 'pk-live-not-issued-by-this-gateway';
const messages = [{ role: 'user' as const, content: 'Hello from the Portkey SDK' }];

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

type PortkeyOptions = ConstructorParameters<typeof Portkey>[0];

function portkey(options: Omit<PortkeyOptions, 'baseURL'>, baseURL = gateway.url): Portkey {
  return new Portkey({ baseURL: `${baseURL}/v1`, ...options });
}

/** Setup 1: `new Portkey({ baseURL, apiKey, provider, Authorization })`; the mock stands in for OpenAI. */
function providerSetup(Authorization = 'Bearer sk-provider-key', baseURL?: string): Portkey {
  return portkey({ apiKey: PORTKEY_KEY, provider: 'openai', Authorization, customHost: `${mock.url}/v1` }, baseURL);
}

/** Setup 2: `new Portkey({ baseURL, apiKey, config })` with the provider and its key inline. */
function configSetup(config: Record<string, unknown> | string = { provider: 'openai', api_key: 'sk-config-key', custom_host: `${mock.url}/v1` }): Portkey {
  return portkey({ apiKey: PORTKEY_KEY, config });
}

/** What the SDK throws: its APIError carries the status and the parsed body. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { status?: number; error?: unknown } | undefined;
  expect(error).toBeInstanceOf(Error);
  return { status: error!.status!, body: error!.error };
}

describe('setup 1: provider + Authorization, an x-portkey-api-key we never issued', () => {
  it('answers JSON with the provider key upstream, the Portkey key nowhere, and the response headers readable', async () => {
    const completion = await providerSetup().chat.completions.create({ model: 'sdk-provider-json', messages });
    expect(completion.choices[0]!.message!.content).toContain('Hello from the Portkey SDK');
    expect(completion.getHeaders()).toMatchObject({ provider: 'openai', 'trace-id': expect.any(String) });
    const [upstream] = mock.requests('sdk-provider-json');
    expect(upstream.headers.authorization).toBe('Bearer sk-provider-key');
    expect(JSON.stringify(upstream.headers)).not.toContain(PORTKEY_KEY);
    expect(JSON.stringify(upstream.headers)).not.toContain('x-portkey');
  });

  it('takes an Authorization without "Bearer " (the SDK sends it as given)', async () => {
    await providerSetup('sk-bare-key').chat.completions.create({ model: 'sdk-provider-bare', messages });
    expect(mock.requests('sdk-provider-bare')[0].headers.authorization).toBe('Bearer sk-bare-key');
  });

  it('streams, with the usage chunk when asked', async () => {
    const stream = await providerSetup().chat.completions.create({
      model: 'sdk-provider-stream',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: { completion_tokens?: number } | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toContain('Hello from the Portkey SDK');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(mock.requests('sdk-provider-stream')[0].headers.authorization).toBe('Bearer sk-provider-key');
  });

  it('streams through the chat.completions.stream() helper (the SDK’s OpenAI client underneath)', async () => {
    const runner = await providerSetup().chat.completions.stream({ model: 'sdk-provider-helper', messages });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0].message.content).toContain('Hello from the Portkey SDK');
    expect(mock.requests('sdk-provider-helper')[0].headers.authorization).toBe('Bearer sk-provider-key');
  });

  it('serves embeddings', async () => {
    const result = await providerSetup().embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
    expect(result.data).toHaveLength(2);
    expect(result.data![0]!.embedding!.length).toBeGreaterThan(0);
    expect(mock.requests('text-embedding-3-small')[0].path).toBe('/v1/embeddings');
  });

  it('serves legacy completions, JSON and streamed', async () => {
    const client = providerSetup();
    const completion = await client.completions.create({ model: 'sdk-legacy', prompt: 'Say hi', max_tokens: 8 });
    expect(completion.choices[0]!.text).toBeTruthy();
    const stream = await client.completions.create({ model: 'sdk-legacy', prompt: 'Say hi', max_tokens: 8, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBeTruthy();
    expect(mock.requests('sdk-legacy').map((r) => r.path)).toEqual(['/v1/completions', '/v1/completions']);
  });

  it('passes the SDK’s other options: metadata, trace id, request timeout, forwarded headers', async () => {
    const client = portkey({
      apiKey: PORTKEY_KEY,
      provider: 'openai',
      Authorization: 'sk-provider-key',
      customHost: `${mock.url}/v1`,
      traceID: 'sdk-trace-1',
      metadata: { _user: 'u-1', env: 'prod' },
      requestTimeout: 5_000,
      // The SDK sends this as the header `x-tenant-id` but lists it as `xTenantId`.
      forwardHeaders: ['xTenantId'],
      xTenantId: 'acme',
    });
    const completion = await client.chat.completions.create({ model: 'sdk-options', messages });
    expect(completion.getHeaders()!['trace-id']).toBe('sdk-trace-1');
    const [upstream] = mock.requests('sdk-options');
    expect(upstream.headers['x-tenant-id']).toBe('acme');
    expect(upstream.headers.authorization).toBe('Bearer sk-provider-key');
  });

  it('reaches a provider that is not OpenAI-compatible (Anthropic), translated', async () => {
    const client = portkey({ apiKey: PORTKEY_KEY, provider: 'anthropic', Authorization: 'sk-ant-key', customHost: `${mock.url}/v1` });
    const completion = await client.chat.completions.create({ model: 'claude-sonnet-4-5', messages, max_tokens: 64 });
    expect(completion.choices[0]!.message!.content).toContain('Hello from the Portkey SDK');
    const [upstream] = mock.requests();
    expect(upstream.flavour).toBe('anthropic');
    expect(upstream.headers['x-api-key']).toBe('sk-ant-key');
  });
});

describe('provider errors through the SDK', () => {
  it('are not sent twice: the SDK re-sends a 5xx unless the answer carries x-portkey-trace-id, which the gateway’s does', async () => {
    mock.scenario('sdk-503', [{ status: 503 }, { status: 503 }]);
    const error = (await providerSetup()
      .chat.completions.create({ model: 'sdk-503', messages })
      .then(() => undefined, (e: unknown) => e)) as { status?: number; headers?: Record<string, string>; error?: unknown } | undefined;
    expect(error?.status).toBe(503);
    expect(error?.headers?.['x-portkey-trace-id']).toBeTruthy();
    expect(error?.error).toMatchObject({ error: { message: expect.stringContaining('openai error') }, provider: 'openai' });
    expect(mock.count('sdk-503')).toBe(1);
  });
});

describe('setup 2: config, an x-portkey-api-key we never issued', () => {
  it('answers JSON with the config key upstream', async () => {
    const completion = await configSetup().chat.completions.create({ model: 'sdk-config-json', messages });
    expect(completion.object).toBe('chat.completion');
    const [upstream] = mock.requests('sdk-config-json');
    expect(upstream.headers.authorization).toBe('Bearer sk-config-key');
    expect(JSON.stringify(upstream.headers)).not.toContain(PORTKEY_KEY);
  });

  it('streams', async () => {
    const stream = await configSetup().chat.completions.create({ model: 'sdk-config-stream', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(mock.requests('sdk-config-stream')[0].headers.authorization).toBe('Bearer sk-config-key');
  });

  it('takes the config as a JSON string and a fallback strategy in it', async () => {
    mock.scenario('sdk-config-fallback', [{ status: 503 }]);
    const config = JSON.stringify({
      strategy: { mode: 'fallback' },
      targets: [
        { provider: 'openai', api_key: 'sk-first', custom_host: `${mock.url}/v1` },
        { provider: 'openai', api_key: 'sk-second', custom_host: `${mock.url}/v1` },
      ],
    });
    const completion = await configSetup(config).chat.completions.create({ model: 'sdk-config-fallback', messages });
    expect(completion.choices[0]!.message!.content).toBeTruthy();
    expect(completion.getHeaders()!['last-used-option-index']).toBe('config.targets[1]');
    expect(mock.requests('sdk-config-fallback').map((r) => r.headers.authorization)).toEqual(['Bearer sk-first', 'Bearer sk-second']);
  });

  it('serves embeddings', async () => {
    const result = await configSetup().embeddings.create({ model: 'text-embedding-3-small', input: 'one' });
    expect(result.data![0]!.embedding!.length).toBeGreaterThan(0);
    expect(mock.requests('text-embedding-3-small')[0].headers.authorization).toBe('Bearer sk-config-key');
  });

  it('takes a config given per request (the second argument of create)', async () => {
    const client = portkey({ apiKey: PORTKEY_KEY });
    const completion = await client.chat.completions.create(
      { model: 'sdk-config-per-request', messages },
      { config: { provider: 'openai', api_key: 'sk-per-request', custom_host: `${mock.url}/v1` } },
    );
    expect(completion.choices[0]!.message!.content).toBeTruthy();
    expect(mock.requests('sdk-config-per-request')[0].headers.authorization).toBe('Bearer sk-per-request');
  });
});

describe('what still needs a gateway API key', () => {
  const NEEDS_CONTROL_PLANE = { status: 'failure', message: 'Gateway API keys, virtual keys and saved configs need the control plane (a database)' };

  it('refuses a virtual key, in the gateway’s error format', async () => {
    const client = portkey({ apiKey: PORTKEY_KEY, virtualKey: 'openai-prod-123456' });
    expect(await refusal(client.chat.completions.create({ model: 'sdk-vk', messages }))).toEqual({ status: 401, body: NEEDS_CONTROL_PLANE });
    expect(await refusal(client.chat.completions.create({ model: 'sdk-vk', messages, stream: true }))).toEqual({ status: 401, body: NEEDS_CONTROL_PLANE });
    expect(mock.count('sdk-vk')).toBe(0);
  });

  it('refuses a saved config id', async () => {
    const client = configSetup('pc-prod-chat-adeb7e');
    expect(await refusal(client.chat.completions.create({ model: 'sdk-saved', messages }))).toEqual({ status: 401, body: NEEDS_CONTROL_PLANE });
    expect(mock.count('sdk-saved')).toBe(0);
  });

  it('refuses every request when GATEWAY_REQUIRE_API_KEY is set', async () => {
    const strict = await startGateway({ requireApiKey: true });
    try {
      const r = await refusal(providerSetup('Bearer sk-provider-key', strict.url).chat.completions.create({ model: 'sdk-strict', messages }));
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ status: 'failure', message: expect.any(String) });
      const c = await refusal(portkey({ apiKey: PORTKEY_KEY, config: { provider: 'openai', api_key: 'sk-x', custom_host: `${mock.url}/v1` } }, strict.url).chat.completions.create({ model: 'sdk-strict', messages, stream: true }));
      expect(c.status).toBe(401);
      expect(mock.count('sdk-strict')).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
