/**
 * One suite for both limit stores: the Redis one (a Lua script per decision, exact across
 * replicas) and the in-memory one (one process). Same decisions, same numbers, same settlement.
 * Two Redis stores on two connections stand in for two replicas.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AdmissionRequest, LimitRule, LimitStore, ScopeCheck } from '../../src/limits/limit-rules.js';
import { MemoryLimitStore } from '../../src/limits/memory-limit-store.js';
import { RedisLimitStore } from '../../src/limits/redis-limit-store.js';

const REDIS_URL = process.env.REDIS_URL;

interface Stores {
  /** Two handles on the same counters (two replicas for Redis; the same object in memory). */
  a: LimitStore;
  b: LimitStore;
  close(): Promise<void>;
}

const variants: [string, () => Promise<Stores>][] = [
  [
    'memory',
    async () => {
      const store = new MemoryLimitStore();
      return { a: store, b: store, close: async () => undefined };
    },
  ],
];
if (REDIS_URL) {
  variants.push([
    'redis',
    async () => {
      const a = new RedisLimitStore(new Redis(REDIS_URL));
      const b = new RedisLimitStore(new Redis(REDIS_URL));
      return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
    },
  ]);
} else {
  describe.skip(`limit store (redis): ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`, () => {
    it('is skipped without Redis', () => undefined);
  });
}

describe.each(variants)('limit store (%s)', (_name, open) => {
  let stores: Stores;
  let workspaceId: string;
  const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);

  beforeAll(async () => {
    stores = await open();
  });
  afterAll(async () => stores.close());
  beforeEach(() => {
    workspaceId = randomUUID(); // fresh counters per test
  });

  const scope = (rule: LimitRule, key = 'ak:1'): ScopeCheck => ({ key, label: `API key 1`, rule });
  let n = 0;
  const request = (scopes: ScopeCheck[], extra: Partial<AdmissionRequest> = {}): AdmissionRequest => ({
    workspaceId,
    id: `r${n++}`,
    scopes,
    estimatedTokens: 0,
    estimatedCostNanoUsd: 0,
    nowMs: T0,
    ...extra,
  });

  it('admits exactly the limit of 200 concurrent requests per minute, across both handles', async () => {
    const rule = { requestsPerMinute: 50 };
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? stores.a : stores.b).admit(request([scope(rule)], { nowMs: T0 + i }))));
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(150);
    for (const r of refused) {
      if (r.ok) continue;
      expect(r.dimension).toBe('requests');
      expect(r.allowance).toMatchObject({ limit: 50, remaining: 0 });
      // The oldest request leaves the sliding window one minute after it arrived.
      expect(r.allowance.resetMs).toBeGreaterThan(59_000);
      expect(r.allowance.resetMs).toBeLessThanOrEqual(60_000);
    }
    const remaining = results.filter((r) => r.ok).map((r) => (r.ok ? r.allowance.requests!.remaining : -1));
    expect(remaining.sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // One minute later the window has slid past them all.
    expect((await stores.a.admit(request([scope(rule)], { nowMs: T0 + 60_000 + 200 }))).ok).toBe(true);
  });

  it('reserves estimated tokens per minute and settles with the real usage', async () => {
    const rule = { tokensPerMinute: 1000 };
    const first = await stores.a.admit(request([scope(rule)], { estimatedTokens: 600 }));
    expect(first.ok).toBe(true);
    const second = await stores.b.admit(request([scope(rule)], { estimatedTokens: 600, nowMs: T0 + 10 }));
    expect(second).toMatchObject({ ok: false, dimension: 'tokens', allowance: { limit: 1000, remaining: 400 } });
    // The first answer used only 150 tokens: the rest of its estimate is free again.
    if (first.ok) await stores.b.settle(first.reservation, { tokens: 150, costNanoUsd: 0 });
    const third = await stores.a.admit(request([scope(rule)], { estimatedTokens: 600, nowMs: T0 + 20 }));
    expect(third).toMatchObject({ ok: true, allowance: { tokens: { limit: 1000, remaining: 250 } } });
  });

  it('holds concurrency slots until settlement', async () => {
    const rule = { concurrentRequests: 2 };
    const one = await stores.a.admit(request([scope(rule)]));
    const two = await stores.b.admit(request([scope(rule)]));
    expect([one.ok, two.ok]).toEqual([true, true]);
    expect(await stores.a.admit(request([scope(rule)]))).toMatchObject({ ok: false, dimension: 'concurrent' });
    if (one.ok) await stores.a.settle(one.reservation, { tokens: 0, costNanoUsd: 0 });
    expect((await stores.b.admit(request([scope(rule)]))).ok).toBe(true);
  });

  it('charges a daily cost budget with estimates, corrects with the real cost, and names when it resets', async () => {
    const rule = { costPerDayUsd: 0.001, alertThreshold: 0.5 }; // 1,000,000 nano-dollars
    const a = await stores.a.admit(request([scope(rule)], { estimatedCostNanoUsd: 600_000 }));
    expect(a).toMatchObject({ ok: true, alerts: ['API key 1 cost-day'] });
    const refused = await stores.b.admit(request([scope(rule)], { estimatedCostNanoUsd: 600_000 }));
    expect(refused).toMatchObject({ ok: false, dimension: 'cost-day', allowance: { limit: 1_000_000, remaining: 400_000 } });
    if (!refused.ok) expect(refused.allowance.resetMs).toBe(12 * 3600_000); // T0 is noon UTC
    if (a.ok) await stores.a.settle(a.reservation, { tokens: 0, costNanoUsd: 1_000_000 });
    // Spent in full: even a request of unknown (zero) estimated cost is refused now.
    expect(await stores.b.admit(request([scope(rule)]))).toMatchObject({ ok: false, dimension: 'cost-day', allowance: { remaining: 0 } });
    // A new day, a new budget.
    expect((await stores.a.admit(request([scope(rule)], { nowMs: T0 + 12 * 3600_000 }))).ok).toBe(true);
  });

  it('admits in every scope or in none (a refusal by the key reserves nothing in the workspace)', async () => {
    const workspace = scope({ requestsPerMinute: 3 }, 'ws');
    const key = scope({ requestsPerMinute: 1 }, 'ak:1');
    expect((await stores.a.admit(request([workspace, key]))).ok).toBe(true);
    expect(await stores.a.admit(request([workspace, key]))).toMatchObject({ ok: false, dimension: 'requests', scope: { key: 'ak:1' } });
    expect(await stores.a.admit(request([workspace, key]))).toMatchObject({ ok: false });
    const other = scope({ requestsPerMinute: 5 }, 'ak:2');
    // Two refused requests took nothing from the workspace: 2 of its 3 remain.
    expect((await stores.b.admit(request([workspace, other]))).ok).toBe(true);
    expect((await stores.b.admit(request([workspace, other]))).ok).toBe(true);
    expect(await stores.b.admit(request([workspace, other]))).toMatchObject({ ok: false, scope: { key: 'ws' } });
  });
});
