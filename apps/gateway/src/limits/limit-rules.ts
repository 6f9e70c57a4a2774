/**
 * What a limit is, independent of where it is stored or enforced: the rules of one scope
 * (workspace, gateway API key, virtual key or saved config) and the buckets a request is counted in.
 */

export type LimitScopeKind = 'workspace' | 'api_key' | 'virtual_key' | 'config';

export interface LimitRule {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  concurrentRequests?: number;
  costPerDayUsd?: number;
  costPerMonthUsd?: number;
  /** Fraction of a cost budget at which the alert fires. */
  alertThreshold?: number;
}

/**
 * The limits of one workspace, as the hot path reads them (one map lookup per request). Each scope
 * is built once per reload, so a store can keep what it derives from it (keys, limits) per object.
 */
export interface WorkspaceLimits {
  workspace?: ScopeCheck;
  apiKeys: Map<string, ScopeCheck>;
  virtualKeys: Map<string, ScopeCheck>;
  /** By saved config id (`pc-…`): applies to requests that use that config. */
  configs: Map<string, ScopeCheck>;
}

/** Costs are counted in integer nano-dollars so Redis INCRBY and the memory store agree exactly. */
export const NANO_USD = 1e9;

/** One scope's share of an admission: its rule and the storage key prefix of its counters. */
export interface ScopeCheck {
  /** e.g. `ak:<id>`; the store prefixes it with the workspace's hash tag. */
  key: string;
  /** Shown in messages: `workspace`, `API key …`, `virtual key …`, `config …`. */
  label: string;
  rule: LimitRule;
}

export interface AdmissionRequest {
  workspaceId: string;
  /** Unique per reservation (trace id + attempt). */
  id: string;
  scopes: ScopeCheck[];
  estimatedTokens: number;
  estimatedCostNanoUsd: number;
  nowMs: number;
}

export type Dimension = 'requests' | 'tokens' | 'concurrent' | 'cost-day' | 'cost-month';
export const DIMENSIONS: readonly Dimension[] = ['requests', 'tokens', 'concurrent', 'cost-day', 'cost-month'];

/** Limit, remaining and reset (ms from now) of the tightest scope, per dimension that applies. */
export interface Allowance {
  limit: number;
  remaining: number;
  resetMs: number;
}

export type AdmissionResult =
  | { ok: true; reservation: Reservation; allowance: Partial<Record<Dimension, Allowance>>; alerts: string[] }
  | { ok: false; dimension: Dimension; scope: ScopeCheck; allowance: Allowance };

/** What admission took, so settlement can replace estimates with real usage. */
export interface Reservation {
  workspaceId: string;
  id: string;
  scopes: ScopeCheck[];
  estimatedTokens: number;
  estimatedCostNanoUsd: number;
  /** The day and month buckets charged at admission (settlement corrects the same ones). */
  day: string;
  month: string;
  tokenScore: number;
}

/** What an admitted request holds, charged to the given day and month at time `now`. */
export function reservationOf(request: AdmissionRequest, day: string, month: string, now: number): Reservation {
  const { workspaceId, id, scopes, estimatedTokens, estimatedCostNanoUsd } = request;
  return { workspaceId, id, scopes, estimatedTokens, estimatedCostNanoUsd, day, month, tokenScore: now };
}

export interface Settlement {
  tokens: number;
  costNanoUsd: number;
}

/**
 * What a scope has used right now (read only: nothing reserved). Counted only where the scope sets
 * a limit: requests and tokens of the last minute (tokens are estimates until settled) when it
 * limits either, requests in flight when it limits concurrency, cost of the UTC day and month when
 * it has that budget; zero otherwise.
 */
export interface ScopeUsage {
  requests: number;
  tokens: number;
  concurrent: number;
  costDayNanoUsd: number;
  costMonthNanoUsd: number;
}

/** Where counters live: Redis (exact across replicas) or this process's memory. */
export interface LimitStore {
  /** Checks every scope and reserves in all of them, or in none: atomic. */
  admit(request: AdmissionRequest): Promise<AdmissionResult>;
  settle(reservation: Reservation, actual: Settlement): Promise<void>;
  /** Current usage of each scope (same order), for the console. */
  usage(workspaceId: string, scopes: ScopeCheck[], nowMs: number): Promise<ScopeUsage[]>;
  close(): Promise<void>;
}

/** The Nest token of the LimitStore (Redis or memory, chosen at start-up). */
export const LIMIT_STORE = Symbol('LIMIT_STORE');

export const WINDOW_MS = 60_000;
/** A concurrency slot whose holder crashed is freed after this long. */
export const LEASE_MS = 10 * 60_000;

export function utcDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

export function utcMonth(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}

/** Milliseconds until the next UTC midnight / first of the month. */
export function msToNextDay(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - nowMs;
}

export function msToNextMonth(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - nowMs;
}

export function hasAnyLimit(rule: LimitRule): boolean {
  return (
    rule.requestsPerMinute !== undefined ||
    rule.tokensPerMinute !== undefined ||
    rule.concurrentRequests !== undefined ||
    rule.costPerDayUsd !== undefined ||
    rule.costPerMonthUsd !== undefined
  );
}
