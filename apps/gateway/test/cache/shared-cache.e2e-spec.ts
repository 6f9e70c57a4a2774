/**
 * The Redis store: two gateways (as two replicas would be) share answers and semantic vectors
 * through the test Redis, and a Redis that does not answer degrades to MISS, never to an error.
 * Every run uses its own namespace, since the test Redis outlives the run.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { call, chat, sseData } from './support.js';

// The test set-up (test/setup) exports REDIS_URL, or says in its one line why there is no Redis.
const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) {
  describe.skip(`response cache shared through Redis: ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`, () => {
    it('is skipped without Redis', () => undefined);
  });
}

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
});
afterAll(async () => {
  await mock?.close();
});
beforeEach(() => mock.reset());

const config = (model: string, cache: Record<string, unknown> = { mode: 'simple' }) => ({
  provider: 'openai',
  api_key: 'sk-test',
  custom_host: `${mock.url}/v1`,
  override_params: { model },
  cache,
});

(REDIS_URL ? describe : describe.skip)('response cache shared through Redis', () => {
  let one: RunningGateway;
  let two: RunningGateway;
  const namespace = { 'x-portkey-cache-namespace': `test-${randomUUID()}` };

  beforeAll(async () => {
    one = await startGateway({ cacheRedisUrl: REDIS_URL });
    two = await startGateway({ cacheRedisUrl: REDIS_URL });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('an answer stored by one gateway is a HIT on the other', async () => {
    const first = await call(one.url, '/v1/chat/completions', config('r-shared'), chat('shared answer'), namespace);
    const second = await call(two.url, '/v1/chat/completions', config('r-shared'), chat('shared answer'), namespace);
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(second.json).toEqual(first.json);
    expect(mock.count('r-shared')).toBe(1);
  });

  it('a stream stored by one gateway is replayed by the other', async () => {
    const live = await call(one.url, '/v1/chat/completions', config('r-stream'), chat('shared stream', { stream: true }), namespace);
    const replay = await call(two.url, '/v1/chat/completions', config('r-stream'), chat('shared stream', { stream: true }), namespace);
    expect([live.cache, replay.cache]).toEqual(['MISS', 'HIT']);
    expect(sseData(replay.text).at(-1)).toBe('[DONE]');
    expect(mock.count('r-stream')).toBe(1);
  });

  it('max_age is enforced by Redis in seconds', async () => {
    const cfg = config('r-age', { mode: 'simple', max_age: 1 });
    await call(one.url, '/v1/chat/completions', cfg, chat('ageing'), namespace);
    expect((await call(two.url, '/v1/chat/completions', cfg, chat('ageing'), namespace)).cache).toBe('HIT');
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await call(two.url, '/v1/chat/completions', cfg, chat('ageing'), namespace)).cache).toBe('MISS');
  });

  it('semantic vectors are shared too: a paraphrase on the other gateway is a SEMANTIC HIT', async () => {
    const cfg = config('r-sem', { mode: 'semantic', embedding: { provider: 'openai', api_key: 'k', custom_host: `${mock.url}/v1`, model: 'mock-bag-of-words' } });
    const first = await call(one.url, '/v1/chat/completions', cfg, chat('Tell me the capital of Italy'), namespace);
    const paraphrase = await call(two.url, '/v1/chat/completions', cfg, chat('The capital of Italy: tell me'), namespace);
    expect([first.cache, paraphrase.cache]).toEqual(['SEMANTIC MISS', 'SEMANTIC HIT']);
    expect(paraphrase.json).toEqual(first.json);
    expect(mock.count('r-sem')).toBe(1);
  });
});

describe('a cache store that is down', () => {
  let gateway: RunningGateway;
  let deadPort: number;

  beforeAll(async () => {
    // A port that was just free: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    deadPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    gateway = await startGateway({ cacheRedisUrl: `redis://127.0.0.1:${deadPort}` });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('answers every request from the provider as a MISS, never an error', async () => {
    const first = await call(gateway.url, '/v1/chat/completions', config('r-down'), chat('no redis'));
    const second = await call(gateway.url, '/v1/chat/completions', config('r-down'), chat('no redis'));
    const stream = await call(gateway.url, '/v1/chat/completions', config('r-down'), chat('no redis', { stream: true }));
    expect([first.status, first.cache, second.status, second.cache, stream.status, stream.cache]).toEqual([200, 'MISS', 200, 'MISS', 200, 'MISS']);
    expect(sseData(stream.text).at(-1)).toBe('[DONE]');
    expect(mock.count('r-down')).toBe(3);
  });
});
