/**
 * Limits counted in Redis, exact across every gateway replica: admission and settlement are one
 * Lua script each (redis-limit-scripts.ts). Keys carry the workspace as a hash tag, so a request's
 * scopes (all in one workspace) land in one Redis Cluster slot.
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
  type Settlement,
  WINDOW_MS,
  msToNextDay,
  msToNextMonth,
  utcDay,
  utcMonth,
} from './limit-rules.js';
import { ADMIT_SCRIPT, SETTLE_SCRIPT } from './redis-limit-scripts.js';

type ScriptedRedis = Redis & {
  aigwAdmit(...args: (string | number)[]): Promise<number[]>;
  aigwSettle(...args: (string | number)[]): Promise<number>;
};

export class RedisLimitStore implements LimitStore {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis) {
    // defineCommand sends EVALSHA and falls back to EVAL once per connection when Redis lacks the script.
    redis.defineCommand('aigwAdmit', { lua: ADMIT_SCRIPT });
    redis.defineCommand('aigwSettle', { lua: SETTLE_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async admit(request: AdmissionRequest): Promise<AdmissionResult> {
    const now = request.nowMs;
    const day = utcDay(now);
    const month = utcMonth(now);
    const keys = keysOf(request.workspaceId, request.scopes.map((s) => s.key), day, month);
    const limits: number[] = [];
    for (const { rule } of request.scopes) {
      limits.push(
        rule.requestsPerMinute ?? -1,
        rule.tokensPerMinute ?? -1,
        rule.concurrentRequests ?? -1,
        rule.costPerDayUsd === undefined ? -1 : Math.round(rule.costPerDayUsd * 1e9),
        rule.costPerMonthUsd === undefined ? -1 : Math.round(rule.costPerMonthUsd * 1e9),
      );
    }
    const reply = await this.redis.aigwAdmit(
      keys.length,
      ...keys,
      now,
      request.id,
      request.estimatedTokens,
      request.estimatedCostNanoUsd,
      WINDOW_MS,
      LEASE_MS,
      msToNextDay(now),
      msToNextMonth(now),
      ...limits,
    );
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
      day,
      month,
      tokenScore: now,
    };
    return toAdmissionResult(request, reservation, raw);
  }

  async settle(reservation: Reservation, actual: Settlement): Promise<void> {
    const keys = keysOf(reservation.workspaceId, reservation.scopes.map((s) => s.key), reservation.day, reservation.month);
    await this.redis.aigwSettle(
      keys.length,
      ...keys,
      reservation.id,
      reservation.estimatedTokens,
      actual.tokens,
      reservation.tokenScore,
      actual.costNanoUsd - reservation.estimatedCostNanoUsd,
    );
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function keysOf(workspaceId: string, scopeKeys: string[], day: string, month: string): string[] {
  const keys: string[] = [];
  for (const scope of scopeKeys) {
    const p = `aigw:lim:{${workspaceId}}:${scope}`;
    keys.push(`${p}:req`, `${p}:tok`, `${p}:toksum`, `${p}:conc`, `${p}:cd:${day}`, `${p}:cm:${month}`);
  }
  return keys;
}
