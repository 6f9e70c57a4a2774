import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { type ChatCase, chatCases } from '../support/all-provider-cases.js';

/**
 * Every chat provider in the registry, end to end with the official OpenAI SDK: JSON and streamed
 * chat through the mock provider speaking that provider's own wire format.
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

function client(c: ChatCase): OpenAI {
  return new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'sk-any-provider',
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': c.provider, 'x-portkey-custom-host': c.customHost(mock.url), ...c.headers },
  });
}

const CASES = chatCases();

it('covers every chat provider in the registry (70 or more)', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(70);
});

describe.each(CASES)('$provider', (c) => {
  const user = { role: 'user' as const, content: `Hello ${c.provider}` };
  // Predibase carries the tenant in `user`, as the reference gateway does.
  const extra = c.provider === 'predibase' ? { user: 'tenant-1' } : {};

  it('chat completion', async () => {
    const completion = await client(c).chat.completions.create({ model: c.model, messages: [user], max_tokens: 64, ...extra });
    expect(completion.choices[0].message.content).toContain(`Hello ${c.provider}`);
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streamed chat completion with usage', async () => {
    const stream = await client(c).chat.completions.create({
      model: c.model,
      messages: [user],
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
      ...extra,
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toContain(`Hello ${c.provider}`);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });
});

describe('vertex-ai with an Anthropic model', () => {
  const c: ChatCase = {
    provider: 'vertex-ai',
    model: 'claude-sonnet-4-5@20250929',
    customHost: (m) => m,
    headers: { 'x-portkey-vertex-region': 'us-east5', 'x-portkey-vertex-project-id': 'proj-1' },
  };

  it('goes to the Anthropic publisher (rawPredict / streamRawPredict) and back', async () => {
    const completion = await client(c).chat.completions.create({ model: c.model, messages: [{ role: 'user', content: 'Hello claude on vertex' }], max_tokens: 64 });
    expect(completion.choices[0].message.content).toContain('Hello claude on vertex');
    expect(mock.requests().at(-1)!.path).toMatch(/\/projects\/proj-1\/locations\/us-east5\/publishers\/anthropic\/models\/claude-sonnet-4-5@20250929:rawPredict$/);

    const stream = await client(c).chat.completions.create({ model: c.model, messages: [{ role: 'user', content: 'Hello claude on vertex' }], max_tokens: 64, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toContain('Hello claude on vertex');
    expect(mock.requests().at(-1)!.path).toMatch(/:streamRawPredict/);
  });
});

describe.each([
  ['meta.llama-3.3-70b-instruct-maas', /\/projects\/proj-1\/locations\/us-central1\/endpoints\/openapi\/chat\/completions$/],
  ['mistralai.mistral-small-2503', /\/publishers\/mistralai\/models\/mistral-small-2503:(raw|streamRaw)Predict$/],
])('vertex-ai partner model %s', (model, path) => {
  const c: ChatCase = { provider: 'vertex-ai', model, customHost: (m) => m, headers: { 'x-portkey-vertex-region': 'us-central1', 'x-portkey-vertex-project-id': 'proj-1' } };

  it('answers JSON and streams, on the partner endpoint', async () => {
    const completion = await client(c).chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello partner' }], max_tokens: 64 });
    expect(completion.choices[0].message.content).toContain('Hello partner');
    expect(mock.requests().at(-1)!.path).toMatch(path);

    const stream = await client(c).chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello partner' }], max_tokens: 64, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toContain('Hello partner');
    expect(mock.requests().at(-1)!.path).toMatch(path);
  });
});
