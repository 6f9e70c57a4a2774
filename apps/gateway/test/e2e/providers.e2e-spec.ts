import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { PROVIDER_CASES, type ProviderCase } from '../support/provider-cases.js';

/**
 * Every provider of the gateway core, through real HTTP with the official OpenAI SDK as the
 * client and the mock provider speaking each provider's own wire format behind the gateway.
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

function clientFor(c: ProviderCase): OpenAI {
  return new OpenAI({
    apiKey: 'sk-test-key',
    baseURL: `${gateway.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': c.provider, 'x-portkey-custom-host': c.customHost(mock.url), ...c.headers },
  });
}

const TOOLS: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', description: 'Time in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];

describe.each(PROVIDER_CASES)('$provider through the gateway', (c) => {
  it('answers a chat completion in OpenAI format, translated from the provider', async () => {
    const completion = await clientFor(c).chat.completions.create({
      model: c.model,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there gateway' },
      ],
      max_tokens: 64,
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0].message.role).toBe('assistant');
    expect(completion.choices[0].message.content).toContain('Hello there gateway');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);

    const [seen] = mock.requests();
    expect(seen.flavour).toBe(c.flavour);
    expect(mock.count()).toBe(1);
  });

  it('streams chat completion chunks ending in [DONE], without usage unless asked', async () => {
    const stream = await clientFor(c).chat.completions.create({
      model: c.model,
      messages: [{ role: 'user', content: 'Stream to me please' }],
      max_tokens: 64,
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    let usageSeen = false;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usageSeen = true;
    }
    expect(text).toContain('Stream to me please');
    expect(finish).toBe('stop');
    expect(usageSeen).toBe(false);
  });

  it('puts usage in the final chunk when the client asks for it', async () => {
    const stream = await clientFor(c).chat.completions.create({
      model: c.model,
      messages: [{ role: 'user', content: 'Count my tokens' }],
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    expect(last.usage?.total_tokens).toBeGreaterThan(0);
    expect(last.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('ends the raw SSE body with data: [DONE]', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sk-test-key',
        'x-portkey-provider': c.provider,
        'x-portkey-custom-host': c.customHost(mock.url),
        ...c.headers,
      },
      body: JSON.stringify({ model: c.model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 16, stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-portkey-provider')).toBe(c.provider);
    const body = await response.text();
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(body.match(/data: \[DONE\]/g)).toHaveLength(1);
  });

  it('streams two tool calls with distinct indexes and complete arguments', async () => {
    const stream = await clientFor(c).chat.completions.create({
      model: c.model,
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
      tools: TOOLS,
      max_tokens: 64,
      stream: true,
    });
    const calls = new Map<number, { id?: string; name?: string; args: string }>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
        const call = calls.get(delta.index) ?? { args: '' };
        call.id ??= delta.id;
        call.name ??= delta.function?.name;
        call.args += delta.function?.arguments ?? '';
        calls.set(delta.index, call);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect([...calls.keys()].sort()).toEqual([0, 1]);
    expect(calls.get(0)?.name).toBe('get_weather');
    expect(calls.get(1)?.name).toBe('get_time');
    for (const call of calls.values()) {
      expect(call.id).toBeTruthy();
      expect(() => JSON.parse(call.args)).not.toThrow();
    }
    expect(finish).toBe('tool_calls');
  });
});
