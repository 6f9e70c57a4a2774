/**
 * Every configured limit, in memory: the request path asks `forWorkspace(id)` (one map lookup,
 * undefined for the many workspaces with no limits) and never waits on the database. Loaded whole
 * at start-up (the table holds one row per limited scope), reloaded per workspace when an admin
 * change is published on the invalidation bus (the `workspace` event, which every replica gets).
 */
import { Logger } from '@nestjs/common';
import type { InvalidationBus, InvalidationEvent } from '../control-plane/invalidation/invalidation.bus.js';
import type { ControlPlanePool } from '../control-plane/control-plane.pool.js';
import { type LimitRule, type LimitScopeKind, type ScopeCheck, type WorkspaceLimits, hasAnyLimit } from './limit-rules.js';

/** A decimal column: Prisma's Decimal in the admin API, pg's string on the request path's pool. */
type DecimalColumn = { toNumber(): number } | string;

interface LimitRow {
  workspaceId: string;
  scope: LimitScopeKind;
  scopeId: string;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  concurrentRequests: number | null;
  costPerDayUsd: DecimalColumn | null;
  costPerMonthUsd: DecimalColumn | null;
  alertThreshold: number | null;
}

function decimal(value: DecimalColumn): number {
  return typeof value === 'string' ? Number(value) : value.toNumber();
}

export function ruleOf(row: LimitRow): LimitRule {
  const rule: LimitRule = {};
  if (row.requestsPerMinute !== null) rule.requestsPerMinute = row.requestsPerMinute;
  if (row.tokensPerMinute !== null) rule.tokensPerMinute = row.tokensPerMinute;
  if (row.concurrentRequests !== null) rule.concurrentRequests = row.concurrentRequests;
  if (row.costPerDayUsd !== null) rule.costPerDayUsd = decimal(row.costPerDayUsd);
  if (row.costPerMonthUsd !== null) rule.costPerMonthUsd = decimal(row.costPerMonthUsd);
  if (row.alertThreshold !== null) rule.alertThreshold = row.alertThreshold;
  return rule;
}

/** Every limit row (or one workspace's), on the control plane's pg pool (not Prisma: see control-plane.pool.ts). */
const LIMIT_ROWS = `
  SELECT workspace_id AS "workspaceId", scope::text AS scope, scope_id AS "scopeId",
         requests_per_minute AS "requestsPerMinute", tokens_per_minute AS "tokensPerMinute",
         concurrent_requests AS "concurrentRequests", cost_per_day_usd::text AS "costPerDayUsd",
         cost_per_month_usd::text AS "costPerMonthUsd", alert_threshold AS "alertThreshold"
  FROM usage_limits`;

export class LimitsCache {
  private readonly logger = new Logger('Limits');
  private byWorkspace = new Map<string, WorkspaceLimits>();
  private readonly unsubscribe: () => void;
  /** Bumped on every reload, so a slow load never overwrites a newer one. */
  private generation = 0;
  private closed = false;

  constructor(
    private readonly pool: ControlPlanePool,
    bus: InvalidationBus,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.onInvalidation(event));
  }

  forWorkspace(workspaceId: string): WorkspaceLimits | undefined {
    return this.byWorkspace.get(workspaceId);
  }

  /** Loads every limit; a failure (database down) keeps what is cached and is retried by the next event. */
  async loadAll(): Promise<void> {
    const generation = ++this.generation;
    try {
      const { rows } = await this.pool.query<LimitRow>(LIMIT_ROWS);
      if (generation !== this.generation) return;
      const next = new Map<string, WorkspaceLimits>();
      for (const row of rows) add(next, row);
      this.byWorkspace = next;
    } catch (error) {
      // Postgres down at start-up (the control plane retries and migrates later): keep trying, or
      // the limits would stay unknown until the next admin change.
      this.logger.warn(`Could not load limits (retrying in 5 s): ${(error as Error).message}`);
      if (!this.closed) setTimeout(() => void this.loadAll(), 5_000).unref();
    }
  }

  async reload(workspaceId: string): Promise<void> {
    try {
      const { rows } = await this.pool.query<LimitRow>(`${LIMIT_ROWS} WHERE workspace_id = $1`, [workspaceId]);
      const next = new Map<string, WorkspaceLimits>();
      for (const row of rows) add(next, row);
      const limits = next.get(workspaceId);
      if (limits) this.byWorkspace.set(workspaceId, limits);
      else this.byWorkspace.delete(workspaceId);
    } catch (error) {
      this.logger.warn(`Could not reload limits of workspace ${workspaceId}: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  private onInvalidation(event: InvalidationEvent): void {
    if (event.kind === 'workspace') void this.reload(event.workspaceId);
    else if (event.kind === 'all') void this.loadAll();
  }
}

function add(map: Map<string, WorkspaceLimits>, row: LimitRow): void {
  const rule = ruleOf(row);
  if (!hasAnyLimit(rule)) return;
  let limits = map.get(row.workspaceId);
  if (!limits) {
    limits = { apiKeys: new Map(), virtualKeys: new Map(), configs: new Map() };
    map.set(row.workspaceId, limits);
  }
  const scope = scopeCheck(row.scope, row.scopeId, rule);
  if (row.scope === 'workspace') limits.workspace = scope;
  else if (row.scope === 'api_key') limits.apiKeys.set(row.scopeId, scope);
  else if (row.scope === 'virtual_key') limits.virtualKeys.set(row.scopeId, scope);
  else limits.configs.set(row.scopeId, scope);
}

/** The store key and message label of a scope (keys are stable: counters survive a reload). */
export function scopeCheck(kind: LimitScopeKind, scopeId: string, rule: LimitRule): ScopeCheck {
  switch (kind) {
    case 'workspace':
      return { key: 'ws', label: 'workspace', rule };
    case 'api_key':
      return { key: `ak:${scopeId}`, label: `API key ${scopeId}`, rule };
    case 'virtual_key':
      return { key: `vk:${scopeId}`, label: `virtual key ${scopeId}`, rule };
    case 'config':
      return { key: `cf:${scopeId}`, label: `config ${scopeId}`, rule };
  }
}
