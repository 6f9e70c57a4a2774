import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * The Anthropic Messages API and the OpenAI Responses API as clients send them: passed through to
 * providers that speak them natively, translated onto chat completions for every other provider.
 */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const TARGETS = {
  anthropic: (m: string) => ({ 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${m}/v1` }),
  openai: (m: string) => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${m}/v1` }),
  google: (m: string) => ({ 'x-portkey-provider': 'google', 'x-portkey-custom-host': m }),
};

function anthropicClient(target: keyof typeof TARGETS): Anthropic {
  return new Anthropic({ baseURL: gateway.url, apiKey: 'sk-provider-key', maxRetries: 0, defaultHeaders: TARGETS[target](mock.url) });
}

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('POST /v1/messages (Anthropic SDK)', () => {
  it('passes the request to Anthropic byte for byte', async () => {
    const client = anthropicClient('anthropic');
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello native' }],
      metadata: { user_id: 'u-1' },
    });
    expect(message.type).toBe('message');
    expect(message.content[0]).toMatchObject({ type: 'text' });
    const [seen] = mock.requests();
    expect(seen.path).toBe('/v1/messages');
    expect(seen.flavour).toBe('anthropic');
    expect(seen.body).toEqual({ model: 'claude-sonnet-4-5', max_tokens: 64, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello native' }], metadata: { user_id: 'u-1' } });
    expect(seen.headers['x-api-key']).toBe('sk-provider-key');
    expect(seen.headers['anthropic-version']).toBeTruthy();
  });

  it('streams natively from Anthropic', async () => {
    const stream = anthropicClient('anthropic').messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Stream natively' }] });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('end_turn');
    expect(final.content.map((b) => (b.type === 'text' ? b.text : '')).join('')).toContain('Stream natively');
  });

  it.each(['openai', 'google'] as const)('is translated onto %s chat completions, JSON and streamed', async (target) => {
    const client = anthropicClient(target);
    const message = await client.messages.create({ model: 'some-model', max_tokens: 64, messages: [{ role: 'user', content: 'Translate me please' }] });
    expect(message.role).toBe('assistant');
    expect(message.stop_reason).toBe('end_turn');
    const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(text).toContain('Translate me please');
    expect(message.usage.output_tokens).toBeGreaterThan(0);

    const streamed = await client.messages.stream({ model: 'some-model', max_tokens: 64, messages: [{ role: 'user', content: 'Translate me please' }] }).finalMessage();
    expect(streamed.content.map((b) => (b.type === 'text' ? b.text : '')).join('')).toBe(text);
    expect(streamed.usage.output_tokens).toBeGreaterThan(0);
  });

  it('translates tool use both ways for a chat provider', async () => {
    const client = anthropicClient('openai');
    const stream = client.messages.stream({ model: 'gpt-4o-mini', max_tokens: 64, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    const toolUse = final.content.find((b) => b.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather' });
    const [seen] = mock.requests();
    expect(seen.path).toBe('/v1/chat/completions');
    expect((seen.body as { tools: unknown[] }).tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: WEATHER_TOOL.input_schema } },
    ]);
  });

  it('answers provider errors in Anthropic’s error shape', async () => {
    mock.scenario('limited', [{ status: 429 }]);
    const error = await anthropicClient('openai')
      .messages.create({ model: 'limited', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
  });
});

describe('POST /v1/responses (OpenAI SDK)', () => {
  const client = (target: keyof typeof TARGETS) =>
    new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-provider-key', maxRetries: 0, defaultHeaders: TARGETS[target](mock.url) });

  it('passes the request through to OpenAI untouched', async () => {
    // The mock does not implement the Responses API (it answers 404): what matters is what reached it.
    const text = '{"model":"gpt-4o-mini",  "input":"Hello responses","store":false}';
    await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-provider-key', ...TARGETS.openai(mock.url) },
      body: text,
    });
    const [seen] = mock.requests();
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/v1/responses');
    expect(seen.body).toEqual(JSON.parse(text));
    expect(seen.headers.authorization).toBe('Bearer sk-provider-key');
  });

  it.each(['anthropic', 'google'] as const)('is translated onto %s chat, JSON and streamed', async (target) => {
    const c = client(target);
    const response = await c.responses.create({ model: 'some-model', input: 'Respond to me', instructions: 'Be brief.' });
    expect(response.status).toBe('completed');
    expect(response.output_text).toContain('Respond to me');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);

    const stream = c.responses.stream({ model: 'some-model', input: 'Respond to me', instructions: 'Be brief.' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(response.output_text);
  });

  it('translates function tools for a chat provider', async () => {
    const response = await client('anthropic').responses.create({
      model: 'claude-sonnet-4-5',
      input: 'Weather in Paris?',
      tools: [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: WEATHER_TOOL.input_schema, strict: false }],
    });
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(() => JSON.parse((call as { arguments: string }).arguments)).not.toThrow();
  });

  it('refuses what cannot be translated, with a clear 400', async () => {
    const error = await client('anthropic')
      .responses.create({ model: 'm', input: 'x', previous_response_id: 'resp_123' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(String((error as Error).message)).toMatch(/previous_response_id/);
  });
});

describe('gateway errors on the inbound APIs', () => {
  it('answers a bad Messages request in Anthropic’s error shape', async () => {
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', ...TARGETS.openai(mock.url) },
      body: JSON.stringify({ model: 'm', max_tokens: 10, messages: [] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/messages/);
  });
});
