/**
 * Limits counted in Redis, exact across every gateway replica, in one round trip per event-loop
 * turn and workspace: the admissions asked for in one turn (under load, the requests whose bytes
 * arrived together: about eight at 32 connections) are decided by one Lua script
 * (redis-limit-scripts.ts), one after another, exactly as if each had come alone; the script also
 * carries the settlements this process has queued for the same workspace. Most of what an
 * admission costs is per call, not per decision (the script's Lua, which reads and writes each
 * scope's state once per call, and a write and a read on each side of the socket), so a batch
 * costs little more than one admission. The batch waits for the end of the turn (setImmediate, the
 * check phase right after the poll phase that delivered the requests), never for a timer: alone, an
 * admission leaves in the same loop iteration. Settlements wait for the next admission, or at most
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
  reservationOf,
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

interface PendingAdmission {
  request: AdmissionRequest;
  resolve(result: AdmissionResult): void;
  reject(error: unknown): void;
}

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
/** More admissions than this in one turn and workspace take several scripts (bounded script run time). */
const MAX_ADMISSIONS_PER_CALL = 64;
const MAX_SEND_FAILURES = 3;

export class RedisLimitStore implements LimitStore {
  private readonly redis: ScriptedRedis;
  /** Settlements not sent yet, per workspace (one script covers one workspace's keys). */
  private readonly pending = new Map<string, PendingSettlement[]>();
  /** Admissions asked for in this event-loop turn, per workspace: sent together at its end. */
  private admissions = new Map<string, PendingAdmission[]>();
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

  admit(request: AdmissionRequest): Promise<AdmissionResult> {
    return new Promise((resolve, reject) => {
      // The turn's first admission schedules the send (sendAdmissions empties the map).
      if (this.admissions.size === 0) setImmediate(this.sendAdmissions);
      let list = this.admissions.get(request.workspaceId);
      if (!list) this.admissions.set(request.workspaceId, (list = []));
      list.push({ request, resolve, reject });
    });
  }

  /** The turn's admissions: one script per workspace (and per MAX_ADMISSIONS_PER_CALL). */
  private readonly sendAdmissions = (): void => {
    const byWorkspace = this.admissions;
    this.admissions = new Map();
    for (const [workspaceId, list] of byWorkspace) {
      for (let i = 0; i < list.length; i += MAX_ADMISSIONS_PER_CALL) {
        const chunk = list.length <= MAX_ADMISSIONS_PER_CALL ? list : list.slice(i, i + MAX_ADMISSIONS_PER_CALL);
        void this.decide(workspaceId, chunk).catch((error: unknown) => chunk.forEach((p) => p.reject(error)));
      }
    }
  };

  private async decide(workspaceId: string, list: PendingAdmission[]): Promise<void> {
    // One clock for the batch: the latest the limiter read (they were all taken this turn).
    let now = 0;
    for (const { request } of list) if (request.nowMs > now) now = request.nowMs;
    const cal = this.calendarAt(now);
    const batch = this.take(workspaceId);
    const keys: string[] = [];
    const groups = new Map<string, number>();
    const limits: number[] = [];
    const perAdmission: (string | number)[] = [];
    for (const { request } of list) {
      perAdmission.push(request.id, request.estimatedTokens, request.estimatedCostNanoUsd, request.scopes.length);
      for (const scope of request.scopes) {
        let group = groups.get(scope.key);
        if (group === undefined) {
          // A scope reloaded within the turn keeps the limits it was first asked with, here.
          const sk = this.keysOf(workspaceId, scope);
          group = groups.size + 1;
          groups.set(scope.key, group);
          keys.push(sk.keys[0], sk.keys[1], sk.keys[2]);
          limits.push(sk.limits[0], sk.limits[1], sk.limits[2], sk.limits[3], sk.limits[4]);
        }
        perAdmission.push(group);
      }
    }
    const args: (string | number)[] = [batch.length, list.length, now, WINDOW_MS, now + LEASE_MS, cal.day, cal.month, cal.dayEnd - now, cal.monthEnd - now, groups.size];
    for (const x of limits) args.push(x);
    for (const x of perAdmission) args.push(x);
    this.addSettlements(batch, keys, groups, args);
    let reply: number[];
    try {
      reply = await this.redis.aigwLimits([keys.length, ...keys, ...args]);
    } catch (error) {
      this.failed(batch, error);
      for (const p of list) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve();
    try {
      this.answer(list, reply, groups, limits, now, cal);
    } catch (error) {
      for (const p of list) p.reject(error); // never left waiting (the answered ones keep their answer)
    }
  }

  /** Each admission's result, from its stretch of the script's reply. */
  private answer(list: PendingAdmission[], reply: number[], groups: Map<string, number>, limits: number[], now: number, cal: { day: string; month: string; dayEnd: number; monthEnd: number }): void {
    let at = 0;
    const nextDay = cal.dayEnd - now;
    const nextMonth = cal.monthEnd - now;
    for (const { request, resolve } of list) {
      let raw: RawAdmission;
      if (reply[at] === 1) {
        // Back to both stores' shape (admission-result.ts): limits and calendar resets from here.
        const perScope: number[][] = [];
        for (const scope of request.scopes) {
          const l = (groups.get(scope.key)! - 1) * 5;
          const [rpm, tpm, reset, conc, day, month] = reply.slice(at + 1, at + 7);
          perScope.push([limits[l], rpm, reset, limits[l + 1], tpm, reset, limits[l + 2], conc, 0, limits[l + 3], day, nextDay, limits[l + 4], month, nextMonth]);
          at += 6;
        }
        at += 1;
        raw = { ok: true, perScope };
      } else {
        raw = { ok: false, refusal: reply.slice(at + 1, at + 6) };
        at += 6;
      }
      resolve(toAdmissionResult(request, reservationOf(request, cal.day, cal.month, now), raw));
    }
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
        const now = Date.now();
        const args: (string | number)[] = [batch.length, 0, now, WINDOW_MS, now + LEASE_MS, '', '', 0, 0, 0];
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
