/**
 * Admin writes and reads of limits. Every change is audited and published on the invalidation bus
 * (as a `workspace` event), so every replica's LimitsCache reloads the workspace within a second.
 */
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Actor } from '../control-plane/audit/actor.js';
import { AuditLogService } from '../control-plane/audit/audit-log.service.js';
import { ControlPlaneError } from '../control-plane/control-plane.errors.js';
import { InvalidationBus } from '../control-plane/invalidation/invalidation.bus.js';
import { PrismaService } from '../database/prisma.service.js';
import { ruleOf, scopeCheck } from './limits.cache.js';
import { LIMIT_STORE, type LimitRule, type LimitScopeKind, type LimitStore, msToNextDay, msToNextMonth } from './limit-rules.js';
import type { PutUsageLimitInput } from './usage-limit.schema.js';

export interface UsageLimitView extends LimitRule {
  id: string;
  scope: LimitScopeKind;
  scopeId: string | null;
  updatedAt: Date;
}

/** One limit and what is used of it now. */
export interface UsageAgainstLimit {
  used: number;
  limit: number;
}

/** A budget: amounts in USD, and when the UTC day or month ends. */
export interface SpendAgainstBudget extends UsageAgainstLimit {
  resetsAt: Date;
}

/**
 * Current usage of one scope's limits; a dimension the scope does not limit is absent. Requests
 * and tokens are those of the last minute (tokens are estimates until the answer settles them),
 * concurrent requests are those in flight, costs those of the UTC day and month.
 */
export interface LimitUsageView {
  limitId: string;
  scope: LimitScopeKind;
  scopeId: string | null;
  requestsPerMinute?: UsageAgainstLimit;
  tokensPerMinute?: UsageAgainstLimit;
  concurrentRequests?: UsageAgainstLimit;
  costPerDayUsd?: SpendAgainstBudget;
  costPerMonthUsd?: SpendAgainstBudget;
  alertThreshold?: number;
  measuredAt: Date;
}

@Injectable()
export class UsageLimitsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    private readonly bus: InvalidationBus,
    @Inject(LIMIT_STORE) private readonly store: LimitStore,
  ) {}

  async list(workspaceId: string): Promise<UsageLimitView[]> {
    const rows = await this.prisma.usageLimit.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
    return rows.map(view);
  }

  /** Every limit of the workspace with its current usage, read from the counters the gateway enforces. */
  async usage(workspaceId: string): Promise<LimitUsageView[]> {
    const rows = await this.prisma.usageLimit.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
    const now = Date.now();
    const rules = rows.map(ruleOf);
    let usage;
    try {
      usage = await this.store.usage(
        workspaceId,
        rows.map((row, i) => scopeCheck(row.scope, row.scopeId, rules[i])),
        now,
      );
    } catch {
      throw new ServiceUnavailableException('The limits store (Redis) cannot be read right now');
    }
    const dayEnd = new Date(now + msToNextDay(now));
    const monthEnd = new Date(now + msToNextMonth(now));
    return rows.map((row, i) => {
      const rule = rules[i];
      const u = usage[i];
      const out: LimitUsageView = { limitId: row.id, scope: row.scope, scopeId: row.scopeId || null, measuredAt: new Date(now) };
      if (rule.requestsPerMinute !== undefined) out.requestsPerMinute = { used: u.requests, limit: rule.requestsPerMinute };
      if (rule.tokensPerMinute !== undefined) out.tokensPerMinute = { used: u.tokens, limit: rule.tokensPerMinute };
      if (rule.concurrentRequests !== undefined) out.concurrentRequests = { used: u.concurrent, limit: rule.concurrentRequests };
      if (rule.costPerDayUsd !== undefined) out.costPerDayUsd = { used: u.costDayNanoUsd / 1e9, limit: rule.costPerDayUsd, resetsAt: dayEnd };
      if (rule.costPerMonthUsd !== undefined) out.costPerMonthUsd = { used: u.costMonthNanoUsd / 1e9, limit: rule.costPerMonthUsd, resetsAt: monthEnd };
      if (rule.alertThreshold !== undefined) out.alertThreshold = rule.alertThreshold;
      return out;
    });
  }

  async put(workspaceId: string, input: PutUsageLimitInput, actor: Actor): Promise<UsageLimitView> {
    const scopeId = input.scopeId ?? '';
    await this.checkScope(workspaceId, input.scope, scopeId);
    const data = {
      requestsPerMinute: input.requestsPerMinute ?? null,
      tokensPerMinute: input.tokensPerMinute ?? null,
      concurrentRequests: input.concurrentRequests ?? null,
      costPerDayUsd: input.costPerDayUsd ?? null,
      costPerMonthUsd: input.costPerMonthUsd ?? null,
      alertThreshold: input.alertThreshold ?? null,
    };
    const row = await this.prisma.$transaction(async (tx) => {
      const saved = await tx.usageLimit.upsert({
        where: { workspaceId_scope_scopeId: { workspaceId, scope: input.scope, scopeId } },
        create: { workspaceId, scope: input.scope, scopeId, ...data },
        update: data,
      });
      await this.audit.record(tx, actor, { workspaceId, action: 'limit.set', targetType: 'limit', targetId: saved.id, details: { ...input } });
      return saved;
    });
    await this.bus.publish({ kind: 'workspace', workspaceId });
    return view(row);
  }

  async remove(workspaceId: string, id: string, actor: Actor): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const deleted = await tx.usageLimit.deleteMany({ where: { id, workspaceId } });
      if (deleted.count === 0) throw ControlPlaneError.notFound('Limit');
      await this.audit.record(tx, actor, { workspaceId, action: 'limit.delete', targetType: 'limit', targetId: id });
    });
    await this.bus.publish({ kind: 'workspace', workspaceId });
  }

  /** A limit on a key of another workspace (or none) would silently never apply. */
  private async checkScope(workspaceId: string, scope: PutUsageLimitInput['scope'], scopeId: string): Promise<void> {
    if (scope === 'api_key') {
      const found = await this.prisma.apiKey.findFirst({ where: { id: isUuid(scopeId) ? scopeId : undefined, workspaceId, kind: 'gateway' }, select: { id: true } });
      if (!found || !isUuid(scopeId)) throw ControlPlaneError.notFound('Gateway API key');
    } else if (scope === 'virtual_key') {
      const found = await this.prisma.virtualKey.findFirst({ where: { slug: scopeId, workspaceId }, select: { id: true } });
      if (!found) throw ControlPlaneError.notFound('Virtual key');
    } else if (scope === 'config') {
      const found = await this.prisma.config.findFirst({ where: { id: scopeId, workspaceId }, select: { id: true } });
      if (!found) throw ControlPlaneError.notFound('Config');
    }
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function view(row: Parameters<typeof ruleOf>[0] & { id: string; updatedAt: Date }): UsageLimitView {
  return { id: row.id, scope: row.scope, scopeId: row.scopeId || null, ...ruleOf(row), updatedAt: row.updatedAt };
}
