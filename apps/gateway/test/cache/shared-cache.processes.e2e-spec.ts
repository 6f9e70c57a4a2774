/**
 * Two gateway processes (started as operators start them: `main.ts`, environment only, no control
 * plane) share the response cache through REDIS_URL: an answer one of them got from the provider
 * is served by the other, and neither calls the provider again.
 */
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type GatewayProcess, spawnGateway } from '../gateway-control-plane/support/gateway-process.js';
import { call, chat } from './support.js';

const REDIS_URL = process.env.REDIS_URL;
jest.setTimeout(90_000);

(REDIS_URL ? describe : describe.skip)(`response cache across two gateway processes${REDIS_URL ? '' : `: ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`}`, () => {
  let mock: MockProvider;
  let one: GatewayProcess;
  let two: GatewayProcess;

  beforeAll(async () => {
    mock = await startMockProvider({ port: 0 });
    const env = { REDIS_URL, GATEWAY_DATABASE: 'off', DATABASE_URL: undefined };
    [one, two] = await Promise.all([spawnGateway(env, 60_000), spawnGateway(env, 60_000)]);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await mock?.close();
  });

  it('an answer stored by one process is a HIT on the other, in JSON and as a stream', async () => {
    const namespace = { 'x-portkey-cache-namespace': `processes-${randomUUID()}` };
    const config = { provider: 'openai', api_key: 'sk-test', custom_host: `${mock.url}/v1`, override_params: { model: 'p-shared' }, cache: { mode: 'simple', max_age: 60 } };
    const first = await call(one.url, '/v1/chat/completions', config, chat('two processes'), namespace);
    const second = await call(two.url, '/v1/chat/completions', config, chat('two processes'), namespace);
    const streamed = await call(one.url, '/v1/chat/completions', config, chat('two processes', { stream: true }), namespace);
    expect([first.status, first.cache, second.status, second.cache, streamed.cache]).toEqual([200, 'MISS', 200, 'HIT', 'HIT']);
    expect(second.json).toEqual(first.json);
    expect(mock.count('p-shared')).toBe(1);
  });
});
