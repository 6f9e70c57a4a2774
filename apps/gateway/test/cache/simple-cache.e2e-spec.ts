/**
 * The simple response cache end to end, through the gateway and the mock provider: statuses,
 * what is in the key, what is never stored, expiry in seconds, streamed replay, every cacheable
 * endpoint, and the request log. The upstream call counts (mock.count) prove where answers came from.
 */
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type FakeControlPlane, fakeControlPlane } from '../support/fake-control-plane.js';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { call, chat, sseData } from './support.js';

let mock: MockProvider;
let gateway: RunningGateway;
let controlPlane: FakeControlPlane;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  controlPlane = fakeControlPlane();
  gateway = await startGateway({ cacheRedisUrl: undefined }, controlPlane.module);
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const target = (provider: string, model: string, extra: Record<string, unknown> = {}) => ({
  provider,
  api_key: 'sk-test',
  custom_host: `${mock.url}/v1`,
  override_params: { model },
  ...extra,
});
const cached = (model: string, cache: Record<string, unknown> = { mode: 'simple' }, provider = 'openai') => ({ ...target(provider, model), cache });
const send = (config: unknown, body: Record<string, unknown>, headers?: Record<string, string>, path = '/v1/chat/completions') => call(gateway.url, path, config, body, headers);

describe('simple cache', () => {
  it('a first request is a MISS, the same request again a HIT without an upstream call; no cache config is DISABLED', async () => {
    const config = cached('m-basic');
    const first = await send(config, chat('hello cache'));
    const second = await send(config, chat('hello cache'));
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'MISS', 200, 'HIT']);
    expect(second.json).toEqual(first.json);
    expect(second.provider).toBe('openai');
    expect(mock.count('m-basic')).toBe(1);

    const plain = await send(target('openai', 'm-basic'), chat('hello cache'));
    expect(plain.cache).toBe('DISABLED');
    expect(mock.count('m-basic')).toBe(2);
  });

  it('is inherited from a parent node, like retry', async () => {
    const config = { cache: { mode: 'simple' }, strategy: { mode: 'fallback' }, targets: [target('openai', 'm-inherit')] };
    expect((await send(config, chat('inherit'))).cache).toBe('MISS');
    expect((await send(config, chat('inherit'))).cache).toBe('HIT');
    expect(mock.count('m-inherit')).toBe(1);
  });

  it('ignores key order, whitespace and fields that cannot change the answer; any other field is a new key', async () => {
    const config = cached('m-canon');
    await send(config, { model: 'client-model', messages: [{ role: 'user', content: 'canon' }], temperature: 0 });
    const reordered = await send(config, { temperature: 0, user: 'someone', stream_options: { include_usage: true }, messages: [{ content: 'canon', role: 'user' }], model: 'client-model' });
    expect(reordered.cache).toBe('HIT');
    const other = await send(config, { model: 'client-model', messages: [{ role: 'user', content: 'canon' }], temperature: 1 });
    expect(other.cache).toBe('MISS');
    expect(mock.count('m-canon')).toBe(2);
  });

  it('force refresh calls the provider and replaces the stored answer', async () => {
    const config = cached('m-refresh');
    await send(config, chat('refresh me'));
    const refreshed = await send(config, chat('refresh me'), { 'x-portkey-cache-force-refresh': 'true' });
    expect(refreshed.cache).toBe('REFRESH');
    expect(mock.count('m-refresh')).toBe(2);
    expect((await send(config, chat('refresh me'))).cache).toBe('HIT');
    expect(mock.count('m-refresh')).toBe(2);
  });

  it('namespaces are separate caches', async () => {
    const config = cached('m-ns');
    await send(config, chat('ns'), { 'x-portkey-cache-namespace': 'team-a' });
    expect((await send(config, chat('ns'), { 'x-portkey-cache-namespace': 'team-b' })).cache).toBe('MISS');
    expect((await send(config, chat('ns'))).cache).toBe('MISS');
    expect((await send(config, chat('ns'), { 'x-portkey-cache-namespace': 'team-a' })).cache).toBe('HIT');
    expect(mock.count('m-ns')).toBe(3);
  });

  it('the provider and the model are in the key', async () => {
    await send(cached('m-key'), chat('same body'));
    const otherProvider = await send(cached('m-key', { mode: 'simple' }, 'groq'), chat('same body'));
    expect([otherProvider.status, otherProvider.cache, otherProvider.provider]).toEqual([200, 'MISS', 'groq']);
    const otherModel = await send(cached('m-key-2'), chat('same body'));
    expect(otherModel.cache).toBe('MISS');
    expect(mock.count('m-key')).toBe(2);
    expect(mock.count('m-key-2')).toBe(1);
  });

  it('without a gateway API key, answers are shared only by callers with the same provider key', async () => {
    await send(cached('m-cred'), chat('whose answer'));
    const otherKey = await send({ ...cached('m-cred'), api_key: 'sk-someone-else' }, chat('whose answer'));
    expect(otherKey.cache).toBe('MISS');
    // In a workspace (a gateway API key), one answer serves every provider key of that workspace.
    const ws = { 'x-portkey-api-key': 'aigw-test-key' };
    await send(cached('m-cred'), chat('whose answer'), ws);
    expect((await send({ ...cached('m-cred'), api_key: 'sk-someone-else' }, chat('whose answer'), ws)).cache).toBe('HIT');
    expect(mock.count('m-cred')).toBe(3);
  });

  it('never stores a failed attempt: after a retried 500 the good answer is cached, a final 429 never is', async () => {
    mock.scenario('m-retry', [{ status: 500 }, {}]);
    const config = { ...cached('m-retry'), retry: { attempts: 2 } };
    const first = await send(config, chat('retry'));
    expect([first.status, first.cache]).toEqual([200, 'MISS']);
    const second = await send(config, chat('retry'));
    expect([second.status, second.cache]).toEqual([200, 'HIT']);
    expect(second.json).toEqual(first.json);
    expect(mock.count('m-retry')).toBe(2);

    mock.scenario('m-429', [{ status: 429 }], { repeatLast: true });
    const limited = await send(cached('m-429'), chat('limited'));
    const again = await send(cached('m-429'), chat('limited'));
    expect([limited.status, limited.cache, again.status, again.cache]).toEqual([429, 'MISS', 429, 'MISS']);
    expect(mock.count('m-429')).toBe(2);
  });

  it("never stores a fallback's failed target; the target that answered is served from the cache", async () => {
    mock.scenario('m-down', [{ status: 503 }], { repeatLast: true });
    const config = { cache: { mode: 'simple' }, strategy: { mode: 'fallback' }, targets: [target('openai', 'm-down'), target('anthropic', 'm-up')] };
    const first = await send(config, chat('fallback'));
    expect([first.status, first.cache, first.provider]).toEqual([200, 'MISS', 'anthropic']);
    const second = await send(config, chat('fallback'));
    expect([second.status, second.cache, second.provider]).toEqual([200, 'HIT', 'anthropic']);
    expect(mock.count('m-up')).toBe(1);
    // Had the 503 been stored under the first target's key, this would be a HIT.
    const alone = await send(cached('m-down'), chat('fallback'));
    expect([alone.status, alone.cache]).toEqual([503, 'MISS']);
  });

  it('max_age is in seconds', async () => {
    const config = cached('m-age', { mode: 'simple', max_age: 1 });
    await send(config, chat('age'));
    // Read as milliseconds (the reference's bug), this would already have expired.
    expect((await send(config, chat('age'))).cache).toBe('HIT');
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await send(config, chat('age'))).cache).toBe('MISS');
    expect(mock.count('m-age')).toBe(2);

    const never = cached('m-age-0', { mode: 'simple', max_age: 0 });
    await send(never, chat('age'));
    expect((await send(never, chat('age'))).cache).toBe('MISS');
    expect(mock.count('m-age-0')).toBe(2);
  });
});

describe('streams', () => {
  it('a streamed miss is stored once complete, and a hit is replayed as SSE with [DONE], usage only when asked', async () => {
    const config = cached('m-stream');
    const live = await send(config, chat('stream me', { stream: true }));
    expect(live.cache).toBe('MISS');
    const liveText = sseData(live.text).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d).choices?.[0]?.delta?.content ?? '').join('');

    const replay = await send(config, chat('stream me', { stream: true }));
    expect(replay.cache).toBe('HIT');
    const events = sseData(replay.text);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((c) => c.choices?.[0]?.delta?.content ?? '').join('')).toBe(liveText);
    expect(chunks.some((c) => c.usage)).toBe(false);

    const withUsage = await send(config, chat('stream me', { stream: true, stream_options: { include_usage: true } }));
    expect(withUsage.cache).toBe('HIT');
    const usage = sseData(withUsage.text).slice(0, -1).map((d) => JSON.parse(d)).find((c) => c.usage)?.usage;
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });

    // The key leaves `stream` out: a JSON request gets the stored stream folded into a completion.
    const json = await send(config, chat('stream me'));
    expect(json.cache).toBe('HIT');
    expect(json.json.choices[0].message.content).toBe(liveText);
    expect(mock.count('m-stream')).toBe(1);
  });

  it('a JSON answer serves a later streamed request', async () => {
    const config = cached('m-json-then-stream');
    const first = await send(config, chat('json first'));
    const replay = await send(config, chat('json first', { stream: true }));
    expect(replay.cache).toBe('HIT');
    const text = sseData(replay.text).slice(0, -1).map((d) => JSON.parse(d).choices?.[0]?.delta?.content ?? '').join('');
    expect(text).toBe(first.json.choices[0].message.content);
    expect(mock.count('m-json-then-stream')).toBe(1);
  });

  it('a native /v1/messages stream (Anthropic, relayed byte for byte) is replayed as it was; a broken one is never stored', async () => {
    const config = cached('m-native-stream', { mode: 'simple' }, 'anthropic');
    const body = { model: 'x', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'native stream' }] };
    const first = await send(config, body, {}, '/v1/messages');
    const second = await send(config, body, {}, '/v1/messages');
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'MISS', 200, 'HIT']);
    expect(second.text).toBe(first.text);
    expect(second.text).toContain('event: message_stop');
    expect(mock.count('m-native-stream')).toBe(1);

    mock.scenario('m-native-broken', [{ failAfterChunks: 2 }, {}]);
    const brokenConfig = cached('m-native-broken', { mode: 'simple' }, 'anthropic');
    // The relay cuts the client's connection when the upstream's breaks: fetch rejects.
    await expect(send(brokenConfig, body, {}, '/v1/messages')).rejects.toThrow();
    expect((await send(brokenConfig, body, {}, '/v1/messages')).cache).toBe('MISS');
    expect(mock.count('m-native-broken')).toBe(2);
  });

  it('a stream that broke off is never stored', async () => {
    mock.scenario('m-broken', [{ failAfterChunks: 1 }, {}]);
    const config = cached('m-broken');
    const broken = await send(config, chat('partial', { stream: true }));
    expect(broken.cache).toBe('MISS');
    const next = await send(config, chat('partial', { stream: true }));
    expect(next.cache).toBe('MISS');
    expect(mock.count('m-broken')).toBe(2);
  });
});

describe('endpoints', () => {
  it('completions, embeddings, /v1/messages (native and translated) and /v1/responses hit on a repeat', async () => {
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['/v1/completions', 'openai', 'm-complete', { model: 'x', prompt: 'complete me', max_tokens: 8 }],
      ['/v1/embeddings', 'openai', 'm-embed', { model: 'x', input: 'embed me' }],
      ['/v1/messages', 'anthropic', 'm-msg-native', { model: 'x', max_tokens: 16, messages: [{ role: 'user', content: 'messages' }] }],
      ['/v1/messages', 'openai', 'm-msg-translated', { model: 'x', max_tokens: 16, messages: [{ role: 'user', content: 'messages' }] }],
      ['/v1/responses', 'anthropic', 'm-responses', { model: 'x', input: 'responses', max_output_tokens: 16 }],
    ];
    for (const [path, provider, model, body] of cases) {
      const config = cached(model, { mode: 'simple' }, provider);
      const first = await send(config, body, {}, path);
      const second = await send(config, body, {}, path);
      expect([path, model, first.status, first.cache, second.status, second.cache]).toEqual([path, model, 200, 'MISS', 200, 'HIT']);
      expect(mock.count(model)).toBe(1);
      if (path === '/v1/responses') expect({ ...second.json, id: undefined, created_at: undefined }).toEqual({ ...first.json, id: undefined, created_at: undefined });
      else expect(second.json).toEqual(first.json);
    }
  });

  it('a translated /v1/messages stream replays in the Anthropic event grammar', async () => {
    const config = cached('m-msg-stream', { mode: 'simple' }, 'openai');
    const body = { model: 'x', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'stream messages' }] };
    const first = await send(config, body, {}, '/v1/messages');
    const second = await send(config, body, {}, '/v1/messages');
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    const names = (text: string) => text.split('\n').filter((l) => l.startsWith('event: ')).map((l) => l.slice(7));
    expect(names(second.text)).toEqual(names(first.text));
    expect(names(second.text).at(-1)).toBe('message_stop');
    expect(mock.count('m-msg-stream')).toBe(1);
  });
});

describe('request log', () => {
  it('records the cache status and the tokens the hit served', async () => {
    const config = cached('m-log');
    const first = await send(config, chat('log me'), { 'x-portkey-trace-id': 'cache-log-1' });
    await send(config, chat('log me'), { 'x-portkey-trace-id': 'cache-log-2' });
    expect(first.cache).toBe('MISS');
    await new Promise((r) => setTimeout(r, 50));
    const miss = controlPlane.logs.find((l) => l.traceId === 'cache-log-1');
    const hit = controlPlane.logs.find((l) => l.traceId === 'cache-log-2');
    expect(miss?.cacheStatus).toBe('MISS');
    expect(hit).toMatchObject({ cacheStatus: 'HIT', status: 200, provider: 'openai', model: 'm-log', promptTokens: miss?.promptTokens, completionTokens: miss?.completionTokens });
    expect(hit?.promptTokens).toBeGreaterThan(0);
  });
});
