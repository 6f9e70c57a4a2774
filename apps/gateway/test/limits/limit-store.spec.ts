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

  it('decides a burst of admissions asked for together one by one, in order, as if each came alone', async () => {
    // The Redis store sends the admissions of one event-loop turn in one script: same decisions.
    const workspace = scope({ requestsPerMinute: 4 }, 'ws');
    const key = scope({ tokensPerMinute: 1000 }, 'ak:1');
    const tokens = [600, 300, 200, 100, 50, 10, 0, 0];
    const results = await Promise.all(tokens.map((estimatedTokens) => stores.a.admit(request([workspace, key], { estimatedTokens }))));
    expect(results.map((r) => (r.ok ? 'ok' : `${r.dimension} ${r.scope.key}`))).toEqual(['ok', 'ok', 'tokens ak:1', 'ok', 'tokens ak:1', 'tokens ak:1', 'ok', 'requests ws']);
    const allowances = results.map((r) => (r.ok ? [r.allowance.requests!.remaining, r.allowance.tokens!.remaining] : [r.allowance.remaining]));
    expect(allowances).toEqual([[3, 400], [2, 100], [100], [1, 0], [0], [0], [0, 0], [0]]);
  });

  it('entries leave the minute with their tokens (settled or not), however many leave at once', async () => {
    const rule = { requestsPerMinute: 10, tokensPerMinute: 1000 };
    const admitted = [];
    for (let i = 0; i < 5; i++) admitted.push(await stores.a.admit(request([scope(rule)], { estimatedTokens: 150, nowMs: T0 + i })));
    expect(admitted.every((r) => r.ok)).toBe(true);
    if (admitted[0].ok) await stores.b.settle(admitted[0].reservation, { tokens: 50, costNanoUsd: 0 }); // 650 held
    expect(await stores.b.admit(request([scope(rule)], { estimatedTokens: 400, nowMs: T0 + 100 }))).toMatchObject({ ok: false, dimension: 'tokens', allowance: { remaining: 350 } });
    // Past the minute of the first three (one settled): 300 held by the last two.
    const later = await stores.b.admit(request([scope(rule)], { estimatedTokens: 700, nowMs: T0 + 60_002 }));
    expect(later).toMatchObject({ ok: true, allowance: { tokens: { limit: 1000, remaining: 0 }, requests: { limit: 10, remaining: 7 } } });
    // Past them all: only the last one's 700.
    const last = await stores.a.admit(request([scope(rule)], { estimatedTokens: 300, nowMs: T0 + 60_100 }));
    expect(last).toMatchObject({ ok: true, allowance: { tokens: { remaining: 0 }, requests: { remaining: 8 } } });
  });
});

/**
 * The cost that matters most on the request path: Redis round trips. Every admission is one script
 * call whatever the number of scopes, and carries the settlements queued since the last one, so a
 * request costs one round trip in all (not an admission plus a settlement); admissions asked for
 * in the same event-loop turn share one call.
 */
(REDIS_URL ? describe : describe.skip)('Redis limit store round trips', () => {
  let redis: Redis;
  let store: RedisLimitStore;
  let commands: string[];

  beforeAll(() => {
    redis = new Redis(REDIS_URL!);
    const send = redis.sendCommand.bind(redis);
    commands = [];
    redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
      commands.push(command.name);
      return (send as (...a: unknown[]) => unknown)(command, ...rest);
    }) as typeof redis.sendCommand;
    // Long enough that no flush timer fires during the test: every settlement rides on an admission.
    store = new RedisLimitStore(redis, { settleFlushMs: 60_000 });
  });
  afterAll(async () => store.close());

  it('one script call per request: three scopes admitted together, the previous settlement carried along', async () => {
    const workspaceId = randomUUID();
    const rule = { requestsPerMinute: 100, tokensPerMinute: 100_000, concurrentRequests: 1, costPerDayUsd: 10, costPerMonthUsd: 100 };
    const scopes: ScopeCheck[] = [
      { key: 'ws', label: 'workspace', rule },
      { key: 'ak:1', label: 'API key 1', rule },
      { key: 'cf:pc-x', label: 'config pc-x', rule },
    ];
    await redis.ping();
    commands.length = 0;
    const settled: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) {
      // A concurrency limit of 1: admitted only because the previous request's settlement (which
      // frees its slot) runs first, in the same script.
      const result = await store.admit({ workspaceId, id: `seq${i}`, scopes, estimatedTokens: 100, estimatedCostNanoUsd: 1000, nowMs: Date.now() });
      expect(result.ok).toBe(true);
      if (result.ok) settled.push(store.settle(result.reservation, { tokens: 40, costNanoUsd: 500 }));
    }
    expect(commands).toHaveLength(10);
    expect(new Set(commands.map((c) => (c === 'eval' ? 'evalsha' : c)))).toEqual(new Set(['evalsha']));
    // The last settlement waits for the next admission or the flush: one more call, for it alone.
    await store.flush();
    await Promise.all(settled);
    expect(commands).toHaveLength(11);
    const after = await store.admit({ workspaceId, id: 'probe', scopes, estimatedTokens: 0, estimatedCostNanoUsd: 0, nowMs: Date.now() });
    // Settled usage, not estimates: 10 × 40 tokens and 10 × 500 nano-dollars in every scope.
    expect(after).toMatchObject({
      ok: true,
      allowance: { tokens: { remaining: 100_000 - 400 }, 'cost-day': { remaining: 10e9 - 5000 }, concurrent: { remaining: 0 }, requests: { remaining: 100 - 11 } },
    });
  });

  it('the admissions of one event-loop turn share one script call per workspace, with the queued settlements', async () => {
    const rule = { requestsPerMinute: 5, concurrentRequests: 5 };
    const scopes: ScopeCheck[] = [{ key: 'ws', label: 'workspace', rule }];
    const workspaceId = randomUUID();
    const other = randomUUID();
    const first = await store.admit({ workspaceId, id: 'b0', scopes, estimatedTokens: 0, estimatedCostNanoUsd: 0, nowMs: Date.now() });
    expect(first.ok).toBe(true);
    const settled = first.ok ? store.settle(first.reservation, { tokens: 0, costNanoUsd: 0 }) : undefined;
    commands.length = 0;
    const burst = Array.from({ length: 20 }, (_, i) => store.admit({ workspaceId, id: `b${i + 1}`, scopes, estimatedTokens: 0, estimatedCostNanoUsd: 0, nowMs: Date.now() }));
    const elsewhere = store.admit({ workspaceId: other, id: 'o1', scopes, estimatedTokens: 0, estimatedCostNanoUsd: 0, nowMs: Date.now() });
    const results = await Promise.all(burst);
    await settled;
    expect((await elsewhere).ok).toBe(true);
    // One call for the 20 (carrying b0's settlement), one for the other workspace.
    expect(commands).toHaveLength(2);
    // Exact, in the order asked: 4 of the minute's 5 requests were left, then refusals.
    expect(results.map((r) => (r.ok ? r.allowance.requests!.remaining : -1))).toEqual([3, 2, 1, 0, ...Array(16).fill(-1)]);
    expect(results.slice(4).every((r) => !r.ok && r.dimension === 'requests')).toBe(true);
    // b0's slot was freed first (its settlement rode along): 4 of 5 slots left before the burst.
    expect(results.slice(0, 4).map((r) => (r.ok ? r.allowance.concurrent!.remaining : -1))).toEqual([3, 2, 1, 0].map((x) => x + 1));
  });

  it('an admission alone is sent within the same loop iteration (no timer in front of it)', async () => {
    const scopes: ScopeCheck[] = [{ key: 'ws', label: 'workspace', rule: { requestsPerMinute: 10 } }];
    commands.length = 0;
    const admitted = store.admit({ workspaceId: randomUUID(), id: 'alone', scopes, estimatedTokens: 0, estimatedCostNanoUsd: 0, nowMs: Date.now() });
    expect(commands).toHaveLength(0); // collected until the end of this turn…
    await new Promise((resolve) => setImmediate(resolve));
    expect(commands).toHaveLength(1); // …and on its way by the next check phase, not a timer later
    expect((await admitted).ok).toBe(true);
  });

  it('with a settle delay of 0, each settlement is sent at once on its own (GATEWAY_LIMITS_SETTLE_DELAY_MS=0)', async () => {
    const eager = new RedisLimitStore(redis, { settleFlushMs: 0 });
    const scopes: ScopeCheck[] = [{ key: 'ws', label: 'workspace', rule: { concurrentRequests: 1 } }];
    const workspaceId = randomUUID();
    commands.length = 0;
    for (let i = 0; i < 3; i++) {
      const result = await eager.admit({ workspaceId, id: `e${i}`, scopes, estimatedTokens: 0, estimatedCostNanoUsd: 0, nowMs: Date.now() });
      expect(result.ok).toBe(true);
      if (result.ok) await eager.settle(result.reservation, { tokens: 0, costNanoUsd: 0 });
    }
    expect(commands).toHaveLength(6);
  });
});
