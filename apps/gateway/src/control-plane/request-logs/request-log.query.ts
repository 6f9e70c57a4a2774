/**
 * The console's reads of the request log: search with filters and keyset pagination (newest
 * first, stable under concurrent inserts), one entry with bodies, and usage analytics grouped by
 * day, provider, model, key, virtual key or config. Every query is scoped to one workspace and
 * served by the (workspace_id, created_at, …) indexes.
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import { ControlPlaneError } from '../control-plane.errors.js';
import { PricingTable } from './pricing.js';
import { isCacheHit } from './request-log.row.js';
import type { LoggedAttempt } from '../../proxy/attempt-log.js';

export interface LogSearch {
  from?: Date;
  to?: Date;
  /** Exact status (`429`) or class (`4xx`, `5xx`). */
  status?: string;
  /** Only failed requests (status >= 400). */
  errorsOnly?: boolean;
  provider?: string;
  model?: string;
  apiKeyId?: string;
  virtualKey?: string;
  configId?: string;
  traceId?: string;
  limit: number;
  cursor?: string;
}

export const USAGE_GROUPS = ['day', 'provider', 'model', 'apiKey', 'virtualKey', 'config'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

export interface UsageRow {
  key: string | null;
  requests: number;
  errors: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  costUsd: number;
  /** Requests answered from the response cache (stored at cost 0). */
  cacheHits?: number;
}

const GROUP_SQL: Record<UsageGroup, Prisma.Sql> = {
  day: Prisma.sql`to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
  provider: Prisma.sql`provider`,
  model: Prisma.sql`model`,
  apiKey: Prisma.sql`api_key_id::text`,
  virtualKey: Prisma.sql`virtual_key_slug`,
  config: Prisma.sql`config_id`,
};

// Columns of the list view: everything but the bodies, which only the detail view loads.
const LIST_SELECT = {
  id: true,
  createdAt: true,
  traceId: true,
  apiKeyId: true,
  virtualKeySlug: true,
  configId: true,
  configVersion: true,
  provider: true,
  model: true,
  method: true,
  path: true,
  status: true,
  latencyMs: true,
  ttfbMs: true,
  gatewayOverheadMs: true,
  retryCount: true,
  targetPath: true,
  cacheStatus: true,
  promptTokens: true,
  completionTokens: true,
  cachedTokens: true,
  costUsd: true,
  stream: true,
  errorMessage: true,
  metadata: true,
} satisfies Prisma.RequestLogSelect;

function encodeCursor(createdAt: Date, id: bigint): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: bigint } {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (!id || !/^\d+$/.test(id) || Number.isNaN(createdAt.getTime())) throw ControlPlaneError.invalid('cursor', 'is not a valid cursor');
  return { createdAt, id: BigInt(id) };
}

function statusFilter(status: string): Prisma.IntFilter | number {
  const exact = /^[1-5]\d\d$/.exec(status);
  if (exact) return Number(status);
  const range = /^([1-5])xx$/i.exec(status);
  if (range) return { gte: Number(range[1]) * 100, lt: Number(range[1]) * 100 + 100 };
  throw ControlPlaneError.invalid('status', 'must be a status code (429) or a class (4xx)');
}

type LogRow = { id: bigint; costUsd: Prisma.Decimal | null; cacheStatus: string | null; provider: string | null; model: string | null; promptTokens: number | null; completionTokens: number | null; cachedTokens: number | null };

/**
 * JSON-safe: bigint ids as strings, decimals as numbers. A cache hit is stored at cost 0; what it
 * saved is its tokens at today's prices (`costSavedUsd`, present only on hits).
 */
function serialise<T extends LogRow>(row: T, pricing: PricingTable) {
  const saved = isCacheHit(row.cacheStatus)
    ? pricing.cost(row.provider ?? undefined, row.model ?? undefined, { promptTokens: row.promptTokens ?? 0, completionTokens: row.completionTokens ?? 0, cachedTokens: row.cachedTokens ?? undefined })
    : undefined;
  return { ...row, id: row.id.toString(), costUsd: row.costUsd === null ? null : Number(row.costUsd), ...(saved !== undefined ? { costSavedUsd: saved } : {}) };
}

@Injectable()
export class RequestLogQueryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pricing: PricingTable,
  ) {}

  async search(workspaceId: string, query: LogSearch) {
    const where: Prisma.RequestLogWhereInput = {
      workspaceId,
      createdAt: { gte: query.from, lt: query.to },
      provider: query.provider,
      model: query.model,
      apiKeyId: query.apiKeyId,
      virtualKeySlug: query.virtualKey,
      configId: query.configId,
      traceId: query.traceId,
      ...(query.status ? { status: statusFilter(query.status) } : query.errorsOnly ? { status: { gte: 400 } } : {}),
    };
    const and: Prisma.RequestLogWhereInput[] = [where];
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
    }
    const rows = await this.prisma.requestLog.findMany({
      where: { AND: and },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      select: LIST_SELECT,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((row) => serialise(row, this.pricing)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }

  async get(workspaceId: string, id: string) {
    const row = /^\d{1,19}$/.test(id) ? await this.prisma.requestLog.findFirst({ where: { id: BigInt(id), workspaceId } }) : null;
    if (!row) throw ControlPlaneError.notFound(`log entry ${id}`);
    // Each upstream attempt (retries, fallbacks, hedges) when there was more than one, else null.
    return { ...serialise(row, this.pricing), attempts: row.attempts as LoggedAttempt[] | null };
  }

  async usage(workspaceId: string, range: { from: Date; to: Date }, groupBy: UsageGroup): Promise<{ totals: UsageRow; rows: UsageRow[] }> {
    const filter = Prisma.sql`workspace_id = ${workspaceId}::uuid AND created_at >= ${range.from} AND created_at < ${range.to}`;
    const measures = Prisma.sql`
      count(*)::int AS requests,
      (count(*) FILTER (WHERE status >= 400))::int AS errors,
      (count(*) FILTER (WHERE cache_status IN ('HIT', 'SEMANTIC HIT')))::int AS "cacheHits",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms))::float8 AS "p50LatencyMs",
      (percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms))::float8 AS "p95LatencyMs",
      coalesce(sum(prompt_tokens), 0)::float8 AS "promptTokens",
      coalesce(sum(completion_tokens), 0)::float8 AS "completionTokens",
      coalesce(sum(cached_tokens), 0)::float8 AS "cachedTokens",
      coalesce(sum(cost_usd), 0)::float8 AS "costUsd"`;
    const group = GROUP_SQL[groupBy];
    const [rows, totals] = await Promise.all([
      this.prisma.$queryRaw<UsageRow[]>`SELECT ${group} AS key, ${measures} FROM request_logs WHERE ${filter} GROUP BY 1 ORDER BY 1`,
      this.prisma.$queryRaw<UsageRow[]>`SELECT NULL::text AS key, ${measures} FROM request_logs WHERE ${filter}`,
    ]);
    return { totals: totals[0]!, rows };
  }
}
