import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { type ChatCase, chatCases } from '../support/all-provider-cases.js';

/**
 * The Anthropic SDK (and so Claude Code) on `/v1/messages` in front of the providers teams use
 * most: translated onto each one's chat API and back, JSON and streamed, with a system prompt,
 * a tool round trip and token counts. Anthropic itself (passed through byte for byte), OpenAI and
 * Google are covered in inbound-apis.e2e-spec.ts.
 */
const TOP = ['azure-openai', 'bedrock', 'vertex-ai', 'mistral-ai', 'groq', 'together-ai', 'fireworks-ai', 'deepseek', 'cohere', 'x-ai', 'ollama', 'openrouter'];
const CASES = chatCases().filter((c) => TOP.includes(c.provider));

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

function client(c: ChatCase): Anthropic {
  return new Anthropic({
    baseURL: gateway.url,
    apiKey: 'sk-provider-key',
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': c.provider, 'x-portkey-custom-host': c.customHost(mock.url), ...c.headers },
  });
}

const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

it('covers every provider listed', () => {
  expect(CASES.map((c) => c.provider).sort()).toEqual([...TOP].sort());
});

describe.each(CASES)('$provider', (c) => {
  const messages = [{ role: 'user' as const, content: `Hello ${c.provider} via messages` }];

  it('answers JSON, with the system prompt and usage', async () => {
    const message = await client(c).messages.create({ model: c.model, max_tokens: 64, system: 'Be brief.', messages });
    expect(message).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    expect(textOf(message)).toContain(`Hello ${c.provider} via messages`);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams the same text in Anthropic’s event grammar', async () => {
    const json = await client(c).messages.create({ model: c.model, max_tokens: 64, messages });
    const stream = client(c).messages.stream({ model: c.model, max_tokens: 64, messages });
    const events: string[] = [];
    stream.on('streamEvent', (e) => events.push(e.type));
    const final = await stream.finalMessage();
    expect(textOf(final)).toBe(textOf(json));
    expect(final.stop_reason).toBe('end_turn');
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    // Mistral reports stream usage on its own, which the mock provider does not imitate.
    if (c.provider !== 'mistral-ai') expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it('round-trips a tool call', async () => {
    const final = await client(c)
      .messages.stream({ model: c.model, max_tokens: 64, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'Weather in Paris?' }] })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    const toolUse = final.content.find((b) => b.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: expect.any(Object) });
  });
});

describe('GET /v1/models with Anthropic as the provider', () => {
  const headers = () => ({ 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${mock.url}/v1` });
  beforeEach(() => mock.reset());

  it('answers the Anthropic SDK’s models.list()', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-ant-key', maxRetries: 0, defaultHeaders: headers() });
    const models = [];
    for await (const model of anthropic.models.list()) models.push(model);
    expect(models.map((m) => m.id)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
    expect(models[0]).toMatchObject({ type: 'model', display_name: 'Claude Sonnet 4.5' });
    const [upstream] = mock.requests();
    expect(upstream).toMatchObject({ method: 'GET', path: '/v1/models?limit=1000' });
    expect(upstream.headers['x-api-key']).toBe('sk-ant-key');
  });

  it('answers the OpenAI SDK’s models.list() (what tools read to fill a model picker)', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-ant-key', maxRetries: 0, defaultHeaders: headers() });
    const page = await openai.models.list();
    expect(page.data.map((m) => [m.id, m.object, m.owned_by])).toEqual([
      ['claude-sonnet-4-5', 'model', 'anthropic'],
      ['claude-haiku-4-5', 'model', 'anthropic'],
    ]);
    expect(page.data[0].created).toBe(Date.parse('2025-09-29T00:00:00Z') / 1000);
  });
});
