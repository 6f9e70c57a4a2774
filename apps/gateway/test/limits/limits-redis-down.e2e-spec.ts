/**
 * When Redis goes away, limits follow GATEWAY_LIMITS_FAILURE_MODE: `open` (default) lets requests
 * through unlimited, `closed` refuses them with 503 in the gateway's error format. Redis is taken
 * away through a TCP proxy; when it returns, limits apply again.
 */
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import { TEST_ACTOR, type SeededWorkspace, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, chat, startControlPlaneGateway } from '../gateway-control-plane/support/control-plane-gateway.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

jest.setTimeout(60_000);
const REDIS_URL = process.env.REDIS_URL;

if (!REDIS_URL) {
  describe.skip(`limits when Redis is down: ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`, () => {
    it('is skipped without Redis', () => undefined);
  });
} else {
  describe('limits when Redis is down', () => {
    let db: TestDatabase;
    let mock: MockProvider;
    let proxy: TcpProxy;
    let open: ControlPlaneGateway;
    let closed: ControlPlaneGateway;
    let ws: SeededWorkspace;

    beforeAll(async () => {
      db = await createTestDatabase();
      mock = await startMockProvider({ port: 0 });
      const redis = new URL(REDIS_URL);
      proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      open = await startControlPlaneGateway(db.url, { controlPlane: { redisUrl: proxy.via(REDIS_URL), limitsFailureMode: 'open' } });
      closed = await startControlPlaneGateway(db.url, { controlPlane: { redisUrl: proxy.via(REDIS_URL), limitsFailureMode: 'closed' } });
      ws = await open.seed('Limited');
      await open.get(UsageLimitsService).put(ws.workspaceId, { scope: 'workspace', requestsPerMinute: 1000 }, TEST_ACTOR);
      for (const g of [open, closed]) await waitFor(() => g.get(LimitsCache).forWorkspace(ws.workspaceId)?.workspace !== undefined, 2_000);
    });
    afterAll(async () => {
      await open?.close();
      await closed?.close();
      await proxy?.close();
      await mock?.close();
      await db?.drop();
    });

    const call = (g: ControlPlaneGateway) =>
      chat(g.url, { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-p', 'x-portkey-custom-host': `${mock.url}/v1`, 'x-portkey-api-key': ws.apiKey });

    it('fails open or closed as configured, and limits again once Redis returns', async () => {
      expect((await call(open)).headers.get('x-ratelimit-limit-requests')).toBe('1000');
      expect((await call(closed)).headers.get('x-ratelimit-limit-requests')).toBe('1000');
      await proxy.down();
      const unlimited = await call(open);
      expect(unlimited.status).toBe(200);
      expect(unlimited.headers.get('x-ratelimit-limit-requests')).toBeNull();
      const refused = await call(closed);
      expect(refused.status).toBe(503);
      expect(refused.json).toEqual({ status: 'failure', message: expect.stringContaining('Rate limits and budgets cannot be checked right now') });
      await proxy.up();
      await waitFor(async () => (await call(closed)).status === 200, 10_000, 200);
      expect((await call(open)).headers.get('x-ratelimit-limit-requests')).toBe('1000');
    });
  });
}
