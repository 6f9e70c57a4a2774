/**
 * The semantic cache end to end with the in-process store: the user's turns are embedded by the
 * mock provider's bag-of-words model (similar wording → similar vectors), so a reworded question
 * is served the stored answer and an unrelated one goes to the provider.
 */
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { fakeControlPlane } from '../support/fake-control-plane.js';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { call, chat } from './support.js';

let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  const controlPlane = fakeControlPlane({ 'embed-vk': { provider: 'openai', apiKey: 'sk-embed', customHost: `${mock.url}/v1` } });
  gateway = await startGateway({ cacheRedisUrl: undefined }, controlPlane.module);
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const EMBED_MODEL = 'mock-bag-of-words';
const semantic = (model: string, cache: Record<string, unknown> = {}) => ({
  provider: 'openai',
  api_key: 'sk-test',
  custom_host: `${mock.url}/v1`,
  override_params: { model },
  cache: { mode: 'semantic', embedding: { provider: 'openai', api_key: 'sk-embed', custom_host: `${mock.url}/v1`, model: EMBED_MODEL }, ...cache },
});
const send = (config: unknown, body: Record<string, unknown>, headers?: Record<string, string>) => call(gateway.url, '/v1/chat/completions', config, body, headers);

describe('semantic cache', () => {
  it('a paraphrase is a SEMANTIC HIT at the default threshold, an unrelated prompt a SEMANTIC MISS', async () => {
    const config = semantic('m-sem');
    const first = await send(config, chat('Please tell me the capital of France'));
    expect([first.status, first.cache]).toEqual([200, 'SEMANTIC MISS']);
    const paraphrase = await send(config, chat('Tell me, please: the capital of France?'));
    expect([paraphrase.status, paraphrase.cache]).toEqual([200, 'SEMANTIC HIT']);
    expect(paraphrase.json).toEqual(first.json);
    expect(mock.count('m-sem')).toBe(1);
    expect(mock.count(EMBED_MODEL)).toBe(2);

    const unrelated = await send(config, chat('How do I bake sourdough bread at home'));
    expect([unrelated.status, unrelated.cache]).toEqual([200, 'SEMANTIC MISS']);
    expect(unrelated.json.choices[0].message.content).not.toBe(first.json.choices[0].message.content);
    expect(mock.count('m-sem')).toBe(2);
  });

  it('an exact repeat is found first, without an embedding call', async () => {
    const config = semantic('m-sem-exact');
    await send(config, chat('exact question here'));
    const again = await send(config, chat('exact question here'));
    expect(again.cache).toBe('HIT');
    expect(mock.count(EMBED_MODEL)).toBe(1);
    expect(mock.count('m-sem-exact')).toBe(1);
  });

  it('the threshold is configurable', async () => {
    // cosine of these two bags of words is 6/sqrt(42) ≈ 0.926: under the default 0.95, over 0.9.
    const loose = semantic('m-sem-loose', { threshold: 0.9 });
    await send(loose, chat('What is the capital of France?'));
    expect((await send(loose, chat('What is the capital city of France?'))).cache).toBe('SEMANTIC HIT');
    const strict = semantic('m-sem-strict');
    await send(strict, chat('What is the capital of France?'));
    expect((await send(strict, chat('What is the capital city of France?'))).cache).toBe('SEMANTIC MISS');
  });

  it('is scoped by model, system prompt and config', async () => {
    const config = semantic('m-sem-scope');
    await send(config, { model: 'x', messages: [{ role: 'system', content: 'Answer in French' }, { role: 'user', content: 'Name the capital of France' }] });
    const otherSystem = await send(config, { model: 'x', messages: [{ role: 'system', content: 'Answer in German' }, { role: 'user', content: 'Name the capital of France please' }] });
    expect(otherSystem.cache).toBe('SEMANTIC MISS');
    const otherModel = await send(semantic('m-sem-scope-2'), { model: 'x', messages: [{ role: 'system', content: 'Answer in French' }, { role: 'user', content: 'Name the capital of France please' }] });
    expect(otherModel.cache).toBe('SEMANTIC MISS');
    const otherConfig = await send({ ...config, request_timeout: 30_000 }, { model: 'x', messages: [{ role: 'system', content: 'Answer in French' }, { role: 'user', content: 'Please name the capital of France' }] });
    expect(otherConfig.cache).toBe('SEMANTIC MISS');
    const same = await send(config, { model: 'x', messages: [{ role: 'system', content: 'Answer in French' }, { role: 'user', content: 'France: name the capital of' }] });
    expect(same.cache).toBe('SEMANTIC HIT');
  });

  it('embeds with a virtual key of the workspace', async () => {
    const config = { ...semantic('m-sem-vk'), cache: { mode: 'semantic', embedding: { virtual_key: 'embed-vk', model: EMBED_MODEL } } };
    const headers = { 'x-portkey-api-key': 'aigw-test-key' };
    expect((await send(config, chat('Which planet is the largest'), headers)).cache).toBe('SEMANTIC MISS');
    expect((await send(config, chat('Which planet is the largest'), headers)).cache).toBe('HIT');
    expect((await send(config, chat('The largest planet, which is?'), headers)).cache).toBe('SEMANTIC HIT');
    expect(mock.count('m-sem-vk')).toBe(1);
  });

  it('an embedding provider that fails costs a SEMANTIC MISS, never an error', async () => {
    mock.scenario('broken-embedder', [{ status: 500 }], { repeatLast: true });
    const config = { ...semantic('m-sem-broken'), cache: { mode: 'semantic', embedding: { provider: 'openai', api_key: 'k', custom_host: `${mock.url}/v1`, model: 'broken-embedder' } } };
    const r = await send(config, chat('anything at all'));
    expect([r.status, r.cache]).toEqual([200, 'SEMANTIC MISS']);
  });
});
