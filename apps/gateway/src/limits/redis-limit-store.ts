/**
 * Limits counted in Redis, exact across every gateway replica, in one round trip per request:
 * each admission is one Lua script (redis-limit-scripts.ts) that also carries the settlements this
 * process has queued for the same workspace. Settlements wait for the next admission, or at most
 * `settleFlushMs` (then one script per workspace, pipelined). Holding a settlement a few
 * milliseconds only keeps an estimate (and a concurrency slot) counted that much longer, never
 * less, so no decision becomes looser; and a process's own next admission always sees its earlier
 * settlements first. Keys carry the workspace as a hash tag, so one script's keys (one workspace)
 * land in one Redis Cluster slot.
 *
 * ioredis is imported by the caller only when REDIS_URL is set (it costs ~11 MB resident).
 */
import type { Redis } from 'ioredis';
import { type RawAdmission, toAdmissionResult } from './admission-result.js';
import {
  type AdmissionRequest,
  type AdmissionResult,
  LEASE_MS,
  type LimitStore,
  type Reservation,
  type ScopeCheck,
  type ScopeUsage,
  type Settlement,
  WINDOW_MS,
  msToNextDay,
  msToNextMonth,
  utcDay,
  utcMonth,
} from './limit-rules.js';
import { LIMITS_SCRIPT, USAGE_SCRIPT } from './redis-limit-scripts.js';

type ScriptedRedis = Redis & {
  aigwLimits(args: (string | number)[]): Promise<number[]>;
  aigwLimitUsage(args: (string | number)[]): Promise<number[]>;
};

interface PendingSettlement {
  reservation: Reservation;
  actual: Settlement;
  /** Sends that failed so far (Redis away): retried with the next ones, then given up. */
  failures: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** A scope's keys and limits, computed once per cached ScopeCheck object rather than per request. */
interface ScopeKeys {
  workspaceId: string;
  keys: [string, string, string];
  limits: [number, number, number, number, number];
}

export interface RedisLimitStoreOptions {
  /** Longest a settlement waits for an admission to ride on (default 5 ms); 0: sent at once, alone. */
  settleFlushMs?: number;
}

/** More settlements than this in one script are left for the next one (bounded script size). */
const MAX_SETTLEMENTS_PER_CALL = 64;
const MAX_SEND_FAILURES = 3;

export class RedisLimitStore implements LimitStore {
  private readonly redis: ScriptedRedis;
  /** Settlements not sent yet, per workspace (one script covers one workspace's keys). */
  private readonly pending = new Map<string, PendingSettlement[]>();
  private timer: NodeJS.Timeout | undefined;
  private readonly scopeKeys = new WeakMap<ScopeCheck, ScopeKeys>();
  private calendar = { until: 0, day: '', month: '', dayEnd: 0, monthEnd: 0 };
  settleFlushMs: number;

  constructor(redis: Redis, options: RedisLimitStoreOptions = {}) {
    // defineCommand sends EVALSHA and falls back to EVAL once per connection when Redis lacks the script.
    redis.defineCommand('aigwLimits', { lua: LIMITS_SCRIPT });
    redis.defineCommand('aigwLimitUsage', { lua: USAGE_SCRIPT, readOnly: true });
    this.redis = redis as ScriptedRedis;
    this.settleFlushMs = options.settleFlushMs ?? 5;
  }

  async admit(request: AdmissionRequest): Promise<AdmissionResult> {
    const now = request.nowMs;
    const cal = this.calendarAt(now);
    const batch = this.take(request.workspaceId);
    const keys: string[] = [];
    const groups = new Map<string, number>();
    const args: (string | number)[] = [batch.length, request.scopes.length, now, WINDOW_MS, LEASE_MS, cal.day, cal.month, cal.dayEnd - now, cal.monthEnd - now];
    args.push(request.id, request.estimatedTokens, request.estimatedCostNanoUsd);
    for (const scope of request.scopes) {
      const sk = this.keysOf(request.workspaceId, scope);
      groups.set(scope.key, groups.size + 1);
      keys.push(sk.keys[0], sk.keys[1], sk.keys[2]);
      args.push(sk.limits[0], sk.limits[1], sk.limits[2], sk.limits[3], sk.limits[4]);
    }
    this.addSettlements(batch, keys, groups, args);
    let reply: number[];
    try {
      reply = await this.redis.aigwLimits([keys.length, ...keys, ...args]);
    } catch (error) {
      this.failed(batch, error);
      throw error;
    }
    for (const p of batch) p.resolve();
    const raw: RawAdmission =
      reply[0] === 1
        ? { ok: true, perScope: request.scopes.map((_, s) => reply.slice(1 + s * 15, 16 + s * 15)) }
        : { ok: false, refusal: reply.slice(1) };
    const reservation: Reservation = {
      workspaceId: request.workspaceId,
      id: request.id,
      scopes: request.scopes,
      estimatedTokens: request.estimatedTokens,
      estimatedCostNanoUsd: request.estimatedCostNanoUsd,
      day: cal.day,
      month: cal.month,
      tokenScore: now,
    };
    return toAdmissionResult(request, reservation, raw);
  }

  /** Queued; resolves once Redis has applied it (with the next admission, or the flush). */
  settle(reservation: Reservation, actual: Settlement): Promise<void> {
    return new Promise((resolve, reject) => {
      this.enqueue({ reservation, actual, failures: 0, resolve, reject });
    });
  }

  /** Sends every queued settlement now: one script per workspace, all in one pipeline. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const pipeline = this.redis.pipeline() as unknown as { aigwLimits(args: (string | number)[]): unknown; exec(): Promise<[Error | null, unknown][] | null> };
    const batches: PendingSettlement[][] = [];
    for (const workspaceId of [...this.pending.keys()]) {
      while (this.pending.has(workspaceId)) {
        const batch = this.take(workspaceId);
        const keys: string[] = [];
        const args: (string | number)[] = [batch.length, 0, Date.now(), WINDOW_MS, LEASE_MS, '', '', 0, 0];
        this.addSettlements(batch, keys, new Map(), args);
        pipeline.aigwLimits([keys.length, ...keys, ...args]);
        batches.push(batch);
      }
    }
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      for (const batch of batches) this.failed(batch, error);
      return;
    }
    batches.forEach((batch, i) => {
      const error = results?.[i]?.[0];
      if (error) this.failed(batch, error);
      else for (const p of batch) p.resolve();
    });
  }

  async usage(workspaceId: string, scopes: ScopeCheck[], nowMs: number): Promise<ScopeUsage[]> {
    await this.flush(); // what this process has finished counts as finished
    if (!scopes.length) return [];
    const keys = scopes.flatMap((scope) => this.keysOf(workspaceId, scope).keys);
    const reply = await this.redis.aigwLimitUsage([keys.length, ...keys, nowMs, WINDOW_MS, utcDay(nowMs), utcMonth(nowMs)]);
    return scopes.map((_, s) => ({
      requests: reply[s * 5],
      tokens: reply[s * 5 + 1],
      concurrent: reply[s * 5 + 2],
      costDayNanoUsd: reply[s * 5 + 3],
      costMonthNanoUsd: reply[s * 5 + 4],
    }));
  }

  async close(): Promise<void> {
    // Last settlements, but never a shutdown held up by a Redis that does not answer.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 1_000)))]);
    clearTimeout(timer);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private enqueue(p: PendingSettlement): void {
    const workspaceId = p.reservation.workspaceId;
    let list = this.pending.get(workspaceId);
    if (!list) this.pending.set(workspaceId, (list = []));
    list.push(p);
    if (this.settleFlushMs === 0) {
      void this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.settleFlushMs);
      this.timer.unref();
    }
  }

  /** Up to MAX_SETTLEMENTS_PER_CALL queued settlements of a workspace, removed from the queue. */
  private take(workspaceId: string): PendingSettlement[] {
    const list = this.pending.get(workspaceId);
    if (!list) return [];
    if (list.length <= MAX_SETTLEMENTS_PER_CALL) {
      this.pending.delete(workspaceId);
      return list;
    }
    return list.splice(0, MAX_SETTLEMENTS_PER_CALL);
  }

  private addSettlements(batch: PendingSettlement[], keys: string[], groups: Map<string, number>, args: (string | number)[]): void {
    for (const { reservation: r, actual } of batch) {
      args.push(r.id, r.estimatedTokens, actual.tokens, r.tokenScore, actual.costNanoUsd - r.estimatedCostNanoUsd, r.day, r.month, r.scopes.length);
      for (const scope of r.scopes) {
        let group = groups.get(scope.key);
        if (group === undefined) {
          const sk = this.keysOf(r.workspaceId, scope);
          group = groups.size + 1;
          groups.set(scope.key, group);
          keys.push(sk.keys[0], sk.keys[1], sk.keys[2]);
        }
        args.push(group);
      }
    }
  }

  /** Redis could not take them: they ride on later calls, until they have failed a few times. */
  private failed(batch: PendingSettlement[], error: unknown): void {
    for (const p of batch) {
      if (++p.failures >= MAX_SEND_FAILURES) p.reject(error);
      else this.enqueue(p);
    }
  }

  private keysOf(workspaceId: string, scope: ScopeCheck): ScopeKeys {
    let sk = this.scopeKeys.get(scope);
    if (sk?.workspaceId !== workspaceId) {
      const p = `aigw:lim:{${workspaceId}}:${scope.key}`;
      const { rule } = scope;
      sk = {
        workspaceId,
        keys: [`${p}:log`, `${p}:st`, `${p}:conc`],
        limits: [
          rule.requestsPerMinute ?? -1,
          rule.tokensPerMinute ?? -1,
          rule.concurrentRequests ?? -1,
          rule.costPerDayUsd === undefined ? -1 : Math.round(rule.costPerDayUsd * 1e9),
          rule.costPerMonthUsd === undefined ? -1 : Math.round(rule.costPerMonthUsd * 1e9),
        ],
      };
      this.scopeKeys.set(scope, sk);
    }
    return sk;
  }

  /** The UTC day and month of `now`, recomputed once a day rather than per request. */
  private calendarAt(now: number): { day: string; month: string; dayEnd: number; monthEnd: number } {
    const c = this.calendar;
    if (now >= c.until || now < c.until - 86_400_000) {
      const dayEnd = now + msToNextDay(now);
      this.calendar = { until: dayEnd, day: utcDay(now), month: utcMonth(now), dayEnd, monthEnd: now + msToNextMonth(now) };
    }
    return this.calendar;
  }
}
