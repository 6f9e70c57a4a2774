/**
 * The comparison report shared by shadow traffic and replays: per pair of configs and per pair of
 * models, how the primary and the other config did on the same requests (error rate, latency
 * percentiles, cost) and how much their answers agreed (mean similarity). One SQL query per
 * grouping, over `shadow_outcomes`, scoped to a workspace and served by its indexes.
 */
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';

export interface ComparisonFilter {
  source?: 'shadow' | 'replay';
  replayJobId?: string;
  /** The primary's config (a shadow's saved config, or the replayed rows' config). */
  configId?: string;
  shadowConfigId?: string;
  from?: Date;
  to?: Date;
}

export interface SideStats {
  errorRate: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
  costUsd: number;
  promptTokens: number;
  completionTokens: number;
}

export interface ComparisonRow {
  /** `primary → shadow`: config ids, or models. */
  primary: string | null;
  shadow: string | null;
  requests: number;
  primaryStats: SideStats;
  shadowStats: SideStats;
  /** Mean similarity of the two answers' text over the pairs where both had text; null when none had. */
  agreement: number | null;
  comparedAnswers: number;
}

export interface ComparisonReport {
  total: ComparisonRow | null;
  byConfig: ComparisonRow[];
  byModel: ComparisonRow[];
}

type Raw = Record<string, unknown>;

@Injectable()
export class ComparisonQuery {
  constructor(private readonly prisma: PrismaService) {}

  async report(workspaceId: string, filter: ComparisonFilter): Promise<ComparisonReport> {
    const where = this.where(workspaceId, filter);
    const [total, byConfig, byModel] = await Promise.all([
      this.grouped(where, Prisma.sql`NULL::text`, Prisma.sql`NULL::text`),
      this.grouped(where, Prisma.sql`primary_config_id`, Prisma.sql`shadow_config_id`),
      this.grouped(where, Prisma.sql`primary_model`, Prisma.sql`shadow_model`),
    ]);
    return { total: total[0] ?? null, byConfig, byModel };
  }

  private where(workspaceId: string, f: ComparisonFilter): Prisma.Sql {
    const parts = [Prisma.sql`workspace_id = ${workspaceId}::uuid`];
    if (f.source) parts.push(Prisma.sql`source = ${f.source}`);
    if (f.replayJobId) parts.push(Prisma.sql`replay_job_id = ${f.replayJobId}::uuid`);
    if (f.configId) parts.push(Prisma.sql`primary_config_id = ${f.configId}`);
    if (f.shadowConfigId) parts.push(Prisma.sql`shadow_config_id = ${f.shadowConfigId}`);
    if (f.from) parts.push(Prisma.sql`created_at >= ${f.from}`);
    if (f.to) parts.push(Prisma.sql`created_at < ${f.to}`);
    return Prisma.join(parts, ' AND ');
  }

  private async grouped(where: Prisma.Sql, primaryKey: Prisma.Sql, shadowKey: Prisma.Sql): Promise<ComparisonRow[]> {
    const rows = await this.prisma.$queryRaw<Raw[]>`
      SELECT ${primaryKey} AS primary_key, ${shadowKey} AS shadow_key,
        count(*)::int AS requests,
        ${side('primary')},
        ${side('shadow')},
        avg(similarity)::float8 AS agreement,
        count(similarity)::int AS compared
      FROM shadow_outcomes
      WHERE ${where}
      GROUP BY 1, 2
      ORDER BY requests DESC
      LIMIT 200`;
    return rows.map((r) => ({
      primary: (r.primary_key as string | null) ?? null,
      shadow: (r.shadow_key as string | null) ?? null,
      requests: r.requests as number,
      primaryStats: stats(r, 'primary'),
      shadowStats: stats(r, 'shadow'),
      agreement: r.agreement === null ? null : round(r.agreement as number, 4),
      comparedAnswers: r.compared as number,
    }));
  }
}

/** The aggregate columns of one side; the column names are fixed strings, never input. */
function side(name: 'primary' | 'shadow'): Prisma.Sql {
  const c = (col: string) => Prisma.raw(`${name}_${col}`);
  const as = (col: string) => Prisma.raw(`${name}__${col}`);
  return Prisma.sql`
    avg(CASE WHEN ${c('status')} >= 400 OR ${c('status')} = 0 THEN 1 ELSE 0 END)::float8 AS ${as('error_rate')},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${c('latency_ms')})::float8 AS ${as('p50')},
    percentile_cont(0.95) WITHIN GROUP (ORDER BY ${c('latency_ms')})::float8 AS ${as('p95')},
    percentile_cont(0.99) WITHIN GROUP (ORDER BY ${c('latency_ms')})::float8 AS ${as('p99')},
    coalesce(sum(${c('cost_usd')}), 0)::float8 AS ${as('cost')},
    coalesce(sum(${c('prompt_tokens')}), 0)::int8 AS ${as('prompt_tokens')},
    coalesce(sum(${c('completion_tokens')}), 0)::int8 AS ${as('completion_tokens')}`;
}

function stats(r: Raw, name: string): SideStats {
  const get = (col: string) => r[`${name}__${col}`];
  const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(v as number));
  return {
    errorRate: round(get('error_rate') as number, 4),
    p50LatencyMs: ms(get('p50')),
    p95LatencyMs: ms(get('p95')),
    p99LatencyMs: ms(get('p99')),
    costUsd: round(get('cost') as number, 8),
    promptTokens: Number(get('prompt_tokens')),
    completionTokens: Number(get('completion_tokens')),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
