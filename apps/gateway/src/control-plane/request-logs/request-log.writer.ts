/**
 * The RequestLogSink the gateway uses with a database: `enqueue` only pushes onto a bounded
 * in-memory queue; a timer writes batches with one INSERT each. When Postgres is unreachable the
 * batch goes back to the queue, the oldest entries beyond the cap are dropped and counted, and
 * the count is reported in the log at most every 10 s. Requests are never blocked or failed.
 * `close()` (at shutdown, after the HTTP server stopped) writes what is left, within a deadline.
 */
import { Logger } from '@nestjs/common';
import type { PrismaService } from '../../database/prisma.service.js';
import { RequestLogSink, type RequestLogEntry } from '../control-plane.port.js';
import type { WorkspaceSettingsCache } from '../lookup/workspace-settings.cache.js';
import { BoundedQueue } from './bounded-queue.js';
import type { PricingTable } from './pricing.js';
import type { Pool } from 'pg';
import { insertRequestLogRows } from './request-log.bulk-insert.js';
import { toRequestLogRow } from './request-log.row.js';

/** `last_used_at` of a gateway API key is written at most this often per key and process. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface RequestLogWriterOptions {
  batchSize?: number;
  flushIntervalMs?: number;
  maxQueue?: number;
}

export interface RequestLogStats {
  queued: number;
  written: number;
  dropped: number;
  /** Entries Postgres rejected individually (bad data), counted in `dropped` too. */
  rejected: number;
  failedBatches: number;
}

export class RequestLogWriter extends RequestLogSink {
  private readonly logger = new Logger('RequestLog');
  private readonly queue: BoundedQueue<RequestLogEntry>;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private written = 0;
  private rejected = 0;
  private droppedAfterClose = 0;
  private failedBatches = 0;
  private consecutiveFailures = 0;
  private reportedDropped = 0;
  private lastReportAt = 0;
  private backoffUntil = 0;
  private closed = false;
  /** When each API key's `last_used_at` was last written by this process (see touchApiKeys). */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly pricing: PricingTable,
    private readonly settings: WorkspaceSettingsCache,
    options: RequestLogWriterOptions = {},
    /** The control plane's pg pool, for bulk inserts (see insertRequestLogRows); Prisma when absent. Ended by its owner. */
    private readonly pool?: Pool,
  ) {
    super();
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.queue = new BoundedQueue(options.maxQueue ?? 50_000);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  enqueue(entry: RequestLogEntry): void {
    try {
      if (this.closed) {
        this.droppedAfterClose++; // nothing will write it any more
        return;
      }
      this.queue.push(entry);
      // Not before start(): until the control plane has connected (and migrated), rows only queue.
      if (this.timer && this.queue.size >= this.batchSize && !this.flushing) setImmediate(() => void this.flush());
    } catch {
      // The request path must never see a logging failure.
    }
  }

  logsBodies(workspaceId: string | undefined): boolean {
    return workspaceId ? this.settings.logsBodies(workspaceId) : false;
  }

  stats(): RequestLogStats {
    return {
      queued: this.queue.size,
      written: this.written,
      dropped: this.queue.dropped + this.rejected + this.droppedAfterClose,
      rejected: this.rejected,
      failedBatches: this.failedBatches,
    };
  }

  /** Writes everything queued now (one flush at a time); resolves when done or when the database failed. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => {
        this.flushing = undefined;
        this.reportDrops();
      });
    }
    return this.flushing;
  }

  /** Stops the timer and writes what is left, giving up after `deadlineMs` (the rest is reported as dropped). */
  async close(deadlineMs = 10_000): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + deadlineMs;
    this.backoffUntil = 0;
    while (this.queue.size > 0 && Date.now() < deadline) {
      // A write stuck on an unreachable server must not hold shutdown past the deadline.
      await Promise.race([this.flush(), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
      if (this.queue.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      this.backoffUntil = 0;
    }
    this.closed = true;
    const left = this.queue.take(this.queue.size).length;
    this.droppedAfterClose += left;
    if (left > 0) this.logger.error(`Shutting down with ${left} request log entries unwritten (database unavailable).`);
    this.reportDrops(true);
  }

  /**
   * Writes what is queued when the flush starts, not what arrives while it writes: under steady
   * traffic "until the queue is empty" never ends, and turned one flush per second into an INSERT
   * (and a `last_used_at` UPDATE) every few milliseconds, each of a handful of rows. Later entries
   * wait for the next tick, or for a full batch.
   */
  private async drain(): Promise<void> {
    let left = this.queue.size;
    while (left > 0 && Date.now() >= this.backoffUntil) {
      const batch = this.queue.take(Math.min(this.batchSize, left));
      left -= batch.length;
      const ok = await this.writeBatch(batch);
      if (!ok) return;
    }
  }

  private async writeBatch(batch: RequestLogEntry[]): Promise<boolean> {
    try {
      const rows = batch.map((e) => toRequestLogRow(e, this.pricing));
      if (this.pool) await insertRequestLogRows(this.pool, rows);
      else await this.prisma.requestLog.createMany({ data: rows });
      this.written += batch.length;
      this.consecutiveFailures = 0;
      await this.touchApiKeys(batch).catch(() => undefined);
      return true;
    } catch (error) {
      this.failedBatches++;
      this.consecutiveFailures++;
      if (await this.databaseReachable()) {
        // The database is up, so something in the batch is bad: write entries one by one.
        await this.writeIndividually(batch);
        return true;
      }
      if (this.closed) {
        this.droppedAfterClose += batch.length; // shutdown gave up waiting for this write
        return false;
      }
      this.queue.returnToFront(batch);
      this.backoffUntil = Date.now() + Math.min(5_000, 250 * 2 ** Math.min(this.consecutiveFailures, 5));
      this.logger.warn(`Request log write failed, will retry (${this.queue.size} queued): ${(error as Error).message}`);
      return false;
    }
  }

  private async writeIndividually(batch: RequestLogEntry[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.prisma.requestLog.create({ data: toRequestLogRow(entry, this.pricing) });
        this.written++;
      } catch {
        this.rejected++;
      }
    }
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }

  /**
   * `last_used_at` for the keys seen in the batch, one statement per batch, and per key at most once
   * per LAST_USED_RESOLUTION_MS: a busy key otherwise rewrote its row (a dead tuple and WAL in
   * Postgres, on the same cores as the gateway) with every batch. The column is accurate to that.
   */
  private async touchApiKeys(batch: RequestLogEntry[]): Promise<void> {
    const latest = new Map<string, Date>();
    for (const entry of batch) {
      if (!entry.apiKeyId) continue;
      const seen = latest.get(entry.apiKeyId);
      if (!seen || seen < entry.createdAt) latest.set(entry.apiKeyId, entry.createdAt);
    }
    const now = Date.now();
    const ids = [...latest.keys()].filter((id) => /^[0-9a-f-]{36}$/i.test(id) && now - (this.touchedAt.get(id) ?? -Infinity) >= LAST_USED_RESOLUTION_MS);
    if (ids.length === 0) return;
    if (this.touchedAt.size > 100_000) this.touchedAt.clear(); // bounded: at worst some keys are touched again early
    for (const id of ids) this.touchedAt.set(id, now);
    const times = ids.map((id) => latest.get(id)!.toISOString());
    const sql = `UPDATE api_keys AS k SET last_used_at = v.ts
      FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, ts)
      WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.ts)`;
    // On the control plane's pg pool when there is one: Prisma's raw queries go through its query engine.
    if (this.pool) await this.pool.query(sql, [ids, times]);
    else await this.prisma.$executeRawUnsafe(sql, ids, times);
  }

  private reportDrops(force = false): void {
    const dropped = this.stats().dropped;
    if (dropped === this.reportedDropped) return;
    if (!force && Date.now() - this.lastReportAt < 10_000) return;
    this.logger.warn(
      `Request log: ${dropped - this.reportedDropped} entries dropped since the last report (${dropped} in total); ` +
        'the queue was full or entries were rejected.',
    );
    this.reportedDropped = dropped;
    this.lastReportAt = Date.now();
  }
}
