/**
 * Limits counted in this process's memory: exact for one gateway process, which is all it can
 * promise (several replicas need REDIS_URL, or each would allow the whole limit). Its decisions are
 * the Redis script's (redis-limit-scripts.ts, which reads each scope's state once per batch of
 * admissions), one request after another, and both pass one test suite.
 */
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

interface Entry {
  id: string;
  ts: number;
  tokens: number;
}

interface Counters {
  requests: Entry[];
  tokens: Entry[];
  tokenSum: number;
  /** reservation id → lease expiry */
  concurrent: Map<string, number>;
  costs: Map<string, number>;
}

export class MemoryLimitStore implements LimitStore {
  private readonly counters = new Map<string, Counters>();

  async admit(request: AdmissionRequest): Promise<AdmissionResult> {
    const { nowMs: now } = request;
    const day = utcDay(now);
    const month = utcMonth(now);
    const reservation = reservationOf(request, day, month, now);
    return toAdmissionResult(request, reservation, this.decide(request, day, month));
  }

  private decide(request: AdmissionRequest, day: string, month: string): RawAdmission {
    const { nowMs: now, estimatedTokens: est, estimatedCostNanoUsd: estCost } = request;
    const all = request.scopes.map((scope) => this.countersOf(request.workspaceId, scope.key, now));
    const perScope: number[][] = [];
    for (let s = 0; s < request.scopes.length; s++) {
      const rule = request.scopes[s].rule;
      const c = all[s];
      const numbers: number[] = [];
      // requests per minute (sliding window)
      if (rule.requestsPerMinute !== undefined) {
        const count = c.requests.length;
        const reset = count > 0 ? c.requests[0].ts + WINDOW_MS - now : WINDOW_MS;
        if (count + 1 > rule.requestsPerMinute) return { ok: false, refusal: [s, 0, rule.requestsPerMinute, rule.requestsPerMinute - count, reset] };
        numbers.push(rule.requestsPerMinute, rule.requestsPerMinute - count - 1, reset);
      } else numbers.push(-1, 0, 0);
      // tokens per minute (sliding window over reserved, then settled, tokens)
      if (rule.tokensPerMinute !== undefined) {
        const limit = rule.tokensPerMinute;
        if (c.tokenSum + est > limit) {
          let freed = 0;
          let reset = WINDOW_MS;
          for (const e of c.tokens) {
            freed += e.tokens;
            if (c.tokenSum - freed + est <= limit) {
              reset = e.ts + WINDOW_MS - now;
              break;
            }
          }
          return { ok: false, refusal: [s, 1, limit, limit - c.tokenSum, reset] };
        }
        numbers.push(limit, limit - c.tokenSum - est, c.tokens.length > 0 ? c.tokens[0].ts + WINDOW_MS - now : WINDOW_MS);
      } else numbers.push(-1, 0, 0);
      // concurrent requests (leases)
      if (rule.concurrentRequests !== undefined) {
        const held = c.concurrent.size;
        if (held + 1 > rule.concurrentRequests) return { ok: false, refusal: [s, 2, rule.concurrentRequests, 0, 1000] };
        numbers.push(rule.concurrentRequests, rule.concurrentRequests - held - 1, 0);
      } else numbers.push(-1, 0, 0);
      // cost budgets (calendar day and month, UTC)
      const budgets: [number | undefined, string, number][] = [
        [rule.costPerDayUsd, `d:${day}`, msToNextDay(now)],
        [rule.costPerMonthUsd, `m:${month}`, msToNextMonth(now)],
      ];
      for (let b = 0; b < 2; b++) {
        const [usd, bucket, reset] = budgets[b];
        if (usd === undefined) {
          numbers.push(-1, 0, 0);
          continue;
        }
        const limit = Math.round(usd * 1e9);
        const spent = c.costs.get(bucket) ?? 0;
        if (spent >= limit || spent + estCost > limit) return { ok: false, refusal: [s, 3 + b, limit, limit - spent, reset] };
        numbers.push(limit, limit - spent - estCost, reset);
      }
      perScope.push(numbers);
    }
    // Every scope allows it: reserve in all of them.
    for (let s = 0; s < request.scopes.length; s++) {
      const rule = request.scopes[s].rule;
      const c = all[s];
      if (rule.requestsPerMinute !== undefined) c.requests.push({ id: request.id, ts: now, tokens: 0 });
      if (rule.tokensPerMinute !== undefined) {
        c.tokens.push({ id: request.id, ts: now, tokens: est });
        c.tokenSum += est;
      }
      if (rule.concurrentRequests !== undefined) c.concurrent.set(request.id, now + LEASE_MS);
      if (rule.costPerDayUsd !== undefined) c.costs.set(`d:${day}`, (c.costs.get(`d:${day}`) ?? 0) + estCost);
      if (rule.costPerMonthUsd !== undefined) c.costs.set(`m:${month}`, (c.costs.get(`m:${month}`) ?? 0) + estCost);
    }
    return { ok: true, perScope };
  }

  async settle(reservation: Reservation, actual: Settlement): Promise<void> {
    for (const scope of reservation.scopes) {
      const c = this.counters.get(`${reservation.workspaceId}:${scope.key}`);
      if (!c) continue;
      c.concurrent.delete(reservation.id);
      const entry = c.tokens.find((e) => e.id === reservation.id);
      if (entry) {
        c.tokenSum += actual.tokens - entry.tokens;
        entry.tokens = actual.tokens;
      }
      const delta = actual.costNanoUsd - reservation.estimatedCostNanoUsd;
      for (const bucket of [`d:${reservation.day}`, `m:${reservation.month}`]) {
        const spent = c.costs.get(bucket);
        if (spent !== undefined) c.costs.set(bucket, spent + delta);
      }
    }
  }

  async usage(workspaceId: string, scopes: ScopeCheck[], nowMs: number): Promise<ScopeUsage[]> {
    const day = `d:${utcDay(nowMs)}`;
    const month = `m:${utcMonth(nowMs)}`;
    return scopes.map((scope) => {
      const c = this.counters.get(`${workspaceId}:${scope.key}`);
      if (!c) return { requests: 0, tokens: 0, concurrent: 0, costDayNanoUsd: 0, costMonthNanoUsd: 0 };
      const since = nowMs - WINDOW_MS;
      let tokens = 0;
      for (const e of c.tokens) if (e.ts > since) tokens += e.tokens;
      let concurrent = 0;
      for (const expiry of c.concurrent.values()) if (expiry > nowMs) concurrent++;
      return {
        requests: c.requests.filter((e) => e.ts > since).length,
        tokens,
        concurrent,
        costDayNanoUsd: c.costs.get(day) ?? 0,
        costMonthNanoUsd: c.costs.get(month) ?? 0,
      };
    });
  }

  async close(): Promise<void> {}

  private countersOf(workspaceId: string, key: string, now: number): Counters {
    const full = `${workspaceId}:${key}`;
    let c = this.counters.get(full);
    if (!c) {
      c = { requests: [], tokens: [], tokenSum: 0, concurrent: new Map(), costs: new Map() };
      this.counters.set(full, c);
    }
    const since = now - WINDOW_MS;
    let r = 0;
    while (r < c.requests.length && c.requests[r].ts <= since) r++;
    if (r) c.requests.splice(0, r);
    let t = 0;
    while (t < c.tokens.length && c.tokens[t].ts <= since) c.tokenSum -= c.tokens[t++].tokens;
    if (t) c.tokens.splice(0, t);
    for (const [id, expiry] of c.concurrent) if (expiry <= now) c.concurrent.delete(id);
    // Old day and month buckets: keep only the current ones.
    if (c.costs.size > 2) {
      const day = `d:${utcDay(now)}`;
      const month = `m:${utcMonth(now)}`;
      for (const bucket of c.costs.keys()) if (bucket !== day && bucket !== month) c.costs.delete(bucket);
    }
    return c;
  }
}
