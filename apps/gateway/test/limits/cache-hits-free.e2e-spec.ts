import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import { TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from '../gateway-control-plane/support/control-plane-gateway.js';

/** A cached answer calls no provider, so it spends no tokens of a tokens-per-minute limit (in-memory store). */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider();
  gateway = await startControlPlaneGateway(db.url, { controlPlane: { redisUrl: undefined } });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});

it('cache hits leave the remaining tokens where the miss left them', async () => {
  const ws = await gateway.seed('Cached limits');
  await gateway.get(UsageLimitsService).put(ws.workspaceId, { scope: 'workspace', tokensPerMinute: 100_000 }, TEST_ACTOR);
  await waitFor(() => gateway.get(LimitsCache).forWorkspace(ws.workspaceId) !== undefined, 2_000);
  const headers = {
    'x-portkey-api-key': ws.apiKey,
    'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: 'sk', custom_host: `${mock.url}/v1`, cache: { mode: 'simple', max_age: 60 } }),
  };
  const remaining = (answer: Awaited<ReturnType<typeof chat>>) => Number(answer.headers.get('x-ratelimit-remaining-tokens'));

  const miss = await chat(gateway.url, headers);
  expect(miss.headers.get('x-portkey-cache-status')).toBe('MISS');
  const afterMiss = await chat(gateway.url, headers);
  expect(afterMiss.headers.get('x-portkey-cache-status')).toBe('HIT');
  const afterHits = await chat(gateway.url, headers);
  expect(afterHits.headers.get('x-portkey-cache-status')).toBe('HIT');
  // The miss's real usage was settled (less than the whole limit); two hits later it is unchanged.
  expect(remaining(afterMiss)).toBeLessThan(100_000);
  expect(remaining(afterHits)).toBe(remaining(afterMiss));
});
