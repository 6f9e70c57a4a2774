/**
 * Replays: logged requests (rows whose bodies were logged, GATEWAY_LOG_BODIES or the workspace's
 * setting) sent again to another saved config, to see what that traffic would have done there.
 *
 * A job runs in the process that accepted it, in the background, at most `rate_per_second`
 * requests a second and REPLAY_CONCURRENCY at once, through the same BackgroundRunner as shadow
 * traffic (no cache, no limits or budgets, never streamed). Each result is written to
 * `shadow_outcomes` with source `replay` and the job id, beside the logged outcome, so the report
 * is the shadow comparison filtered on the job. Progress is written to `replay_jobs` every
 * PROGRESS_EVERY_MS; cancelling sets the status in the database (any replica may receive it) and
 * the running job stops at its next step, discarding answers still in flight.
 */
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Json } from '@aigw/providers';
import { Prisma, type ReplayJob } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import { answerSimilarity } from '../../shadow/similarity.js';
import { textOf } from '../../shadow/answer-text.js';
import { BackgroundRunner, replayableEndpoint } from '../../shadow/background-runner.js';
import { ShadowOutcomeSink } from '../../shadow/shadow.port.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane.errors.js';
import { ComparisonQuery, type ComparisonReport } from './comparison.query.js';

export interface ReplayFilter {
  /** Only requests logged with this saved config. */
  configId?: string;
  model?: string;
  provider?: string;
  from?: Date;
  to?: Date;
  /** Only requests that answered with this status. */
  status?: number;
}

export interface StartReplay {
  /** The saved config to replay against. */
  targetConfigId: string;
  filter: ReplayFilter;
  /** At most this many logged requests, newest first. */
  limit: number;
  ratePerSecond: number;
}

export interface ReplayView {
  id: string;
  targetConfigId: string;
  filter: unknown;
  ratePerSecond: number;
  status: string;
  total: number;
  done: number;
  failed: number;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const REPLAY_CONCURRENCY = 4;
const PROGRESS_EVERY_MS = 250;
const PAGE = 50;
const REPLAYABLE_PATHS = ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/messages', '/v1/responses', '/v1/moderations', '/v1/rerank', '/v1/images/generations'];

function view(row: ReplayJob): ReplayView {
  const { workspaceId: _w, ...rest } = row;
  return rest;
}

/** A job running here: its counters, and the flag its loop checks. */
interface Running {
  cancelled: boolean;
  done: number;
  failed: number;
  finished: Promise<void>;
}

@Injectable()
export class ReplayService implements OnModuleDestroy {
  private readonly logger = new Logger('Replay');
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly moduleRef: ModuleRef,
    private readonly sink: ShadowOutcomeSink,
    private readonly comparison: ComparisonQuery,
    private readonly audit: AuditLogService,
  ) {}

  async start(workspaceId: string, input: StartReplay, actor: Actor): Promise<ReplayView> {
    const target = await this.prisma.config.findFirst({ where: { id: input.targetConfigId, workspaceId }, select: { id: true } });
    if (!target) throw ControlPlaneError.invalid('target_config_id', `no saved config "${input.targetConfigId}" in this workspace`);
    const runner = this.runner();
    if (!runner) throw new ControlPlaneError(ControlPlaneErrorCode.Conflict, 'Replays run in a gateway process; this process serves only the admin API');
    const ids = await this.matchingIds(workspaceId, input.filter, input.limit);
    const job = await this.prisma.$transaction(async (tx) => {
      const created = await tx.replayJob.create({
        data: {
          workspaceId,
          targetConfigId: input.targetConfigId,
          filter: { ...input.filter, limit: input.limit } as Prisma.InputJsonValue,
          ratePerSecond: input.ratePerSecond,
          status: ids.length ? 'running' : 'completed',
          total: ids.length,
          createdBy: actor.label ?? actor.id,
          startedAt: new Date(),
          finishedAt: ids.length ? null : new Date(),
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'replay.start',
        targetType: 'replay',
        targetId: created.id,
        details: { targetConfigId: input.targetConfigId, total: ids.length, ratePerSecond: input.ratePerSecond },
      });
      return created;
    });
    if (ids.length) this.launch(job, ids, runner);
    return view(job);
  }

  async list(workspaceId: string): Promise<ReplayView[]> {
    const rows = await this.prisma.replayJob.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' }, take: 100 });
    return rows.map(view);
  }

  async get(workspaceId: string, id: string): Promise<ReplayView & { report: ComparisonReport }> {
    const row = await this.find(workspaceId, id);
    return { ...view(row), report: await this.comparison.report(workspaceId, { source: 'replay', replayJobId: id }) };
  }

  async cancel(workspaceId: string, id: string, actor: Actor): Promise<ReplayView> {
    await this.find(workspaceId, id);
    const local = this.running.get(id);
    if (local) local.cancelled = true;
    await this.prisma.$transaction(async (tx) => {
      await tx.replayJob.updateMany({
        where: { id, workspaceId, status: { in: ['queued', 'running'] } },
        data: { status: 'cancelled', finishedAt: new Date(), ...(local ? { done: local.done, failed: local.failed } : {}) },
      });
      await this.audit.record(tx, actor, { workspaceId, action: 'replay.cancel', targetType: 'replay', targetId: id, details: {} });
    });
    return view(await this.find(workspaceId, id));
  }

  /** Waits for a job running here to stop (tests, shutdown). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.finished;
  }

  /** At shutdown, jobs running here stop and say why (after a crash they stay `running`). */
  async onModuleDestroy(): Promise<void> {
    const ids = [...this.running.keys()];
    for (const job of this.running.values()) job.cancelled = true;
    await Promise.all([...this.running.values()].map((j) => j.finished));
    if (!ids.length) return;
    await this.prisma.replayJob
      .updateMany({ where: { id: { in: ids }, status: 'running' }, data: { status: 'failed', error: 'the gateway process running it stopped', finishedAt: new Date() } })
      .catch(() => undefined);
  }

  private runner(): BackgroundRunner | undefined {
    try {
      return this.moduleRef.get(BackgroundRunner, { strict: false });
    } catch {
      return undefined;
    }
  }

  private async matchingIds(workspaceId: string, f: ReplayFilter, limit: number): Promise<bigint[]> {
    const rows = await this.prisma.requestLog.findMany({
      where: {
        workspaceId,
        requestBody: { not: Prisma.AnyNull },
        path: { in: REPLAYABLE_PATHS },
        ...(f.configId ? { configId: f.configId } : {}),
        ...(f.model ? { model: f.model } : {}),
        ...(f.provider ? { provider: f.provider } : {}),
        ...(f.status !== undefined ? { status: f.status } : {}),
        ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  private launch(job: ReplayJob, ids: bigint[], runner: BackgroundRunner): void {
    const state: Running = { cancelled: false, done: 0, failed: 0, finished: Promise.resolve() };
    this.running.set(job.id, state);
    state.finished = this.run(job, ids, runner, state)
      .catch(async (error: unknown) => {
        this.logger.error(`Replay ${job.id} failed: ${(error as Error)?.message ?? String(error)}`);
        await this.prisma.replayJob
          .updateMany({ where: { id: job.id, status: 'running' }, data: { status: 'failed', error: String((error as Error)?.message ?? error).slice(0, 500), finishedAt: new Date() } })
          .catch(() => undefined);
      })
      .finally(() => this.running.delete(job.id));
  }

  private async run(job: ReplayJob, ids: bigint[], runner: BackgroundRunner, state: Running): Promise<void> {
    const intervalMs = 1_000 / job.ratePerSecond;
    let nextStartAt = Date.now();
    let lastProgressAt = 0;
    const inFlight = new Set<Promise<void>>();

    for (let page = 0; page < ids.length && !state.cancelled; page += PAGE) {
      const rows = await this.prisma.requestLog.findMany({ where: { id: { in: ids.slice(page, page + PAGE) } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      for (const row of rows) {
        // The bounded rate: one start every 1/rate seconds, however fast answers come back.
        const wait = nextStartAt - Date.now();
        if (wait > 0) await sleep(wait);
        nextStartAt = Math.max(nextStartAt + intervalMs, Date.now() - intervalMs);
        while (inFlight.size >= REPLAY_CONCURRENCY) await Promise.race(inFlight);
        if (Date.now() - lastProgressAt >= PROGRESS_EVERY_MS) {
          lastProgressAt = Date.now();
          await this.progress(job.id, state);
        }
        if (state.cancelled) break;
        const one = this.replayOne(job, row, runner, state).finally(() => inFlight.delete(one));
        inFlight.add(one);
      }
    }
    await Promise.all(inFlight);
    if (state.cancelled) return;
    await this.prisma.replayJob.updateMany({
      where: { id: job.id, status: 'running' },
      data: { status: 'completed', done: state.done, failed: state.failed, finishedAt: new Date() },
    });
  }

  /** Writes the counters, and learns of a cancellation made through another replica. */
  private async progress(id: string, state: Running): Promise<void> {
    const updated = await this.prisma.replayJob.updateMany({ where: { id, status: 'running' }, data: { done: state.done, failed: state.failed } });
    if (updated.count === 0) state.cancelled = true;
  }

  private async replayOne(job: ReplayJob, row: Awaited<ReturnType<PrismaService['requestLog']['findFirstOrThrow']>>, runner: BackgroundRunner, state: Running): Promise<void> {
    const endpoint = replayableEndpoint(row.path);
    const body = row.requestBody;
    if (!endpoint || !body || typeof body !== 'object' || Array.isArray(body)) {
      if (!state.cancelled) state.failed++;
      return;
    }
    const result = await runner.run({
      workspaceId: job.workspaceId,
      apiKeyId: row.apiKeyId ?? undefined,
      configId: job.targetConfigId,
      endpoint,
      method: row.method,
      path: row.path,
      body: body as Json,
      metadata: (row.metadata as Record<string, unknown> | null) ?? undefined,
    });
    // Cancelled meanwhile: progress stops where it was, this answer is not counted.
    if (state.cancelled) return;
    const { text, ...replayed } = result;
    this.sink.enqueue({
      createdAt: new Date(),
      workspaceId: job.workspaceId,
      source: 'replay',
      traceId: row.traceId,
      replayJobId: job.id,
      requestLogId: row.id,
      path: row.path,
      primary: {
        configId: row.configId ?? undefined,
        configVersion: row.configVersion ?? undefined,
        provider: row.provider ?? undefined,
        model: row.model ?? undefined,
        status: row.status,
        latencyMs: row.latencyMs,
        promptTokens: row.promptTokens ?? undefined,
        completionTokens: row.completionTokens ?? undefined,
        costUsd: row.costUsd === null ? undefined : Number(row.costUsd),
        errorMessage: row.errorMessage ?? undefined,
      },
      shadow: { ...replayed, configId: job.targetConfigId },
      similarity: row.status >= 200 && row.status < 300 ? answerSimilarity(textOf(row.responseBody), text) : undefined,
    });
    if (result.status >= 400 || result.status === 0) state.failed++;
    state.done++;
  }

  private async find(workspaceId: string, id: string): Promise<ReplayJob> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.replayJob.findFirst({ where: { id, workspaceId } }) : null;
    if (!row) throw ControlPlaneError.notFound(`replay ${id}`);
    return row;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
