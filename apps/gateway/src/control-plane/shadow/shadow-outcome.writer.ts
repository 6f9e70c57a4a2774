/**
 * Writes shadow and replay comparisons (`shadow_outcomes`) off the request path: `enqueue` pushes
 * onto a bounded queue (oldest dropped and counted when full), a timer writes batches with one
 * INSERT each, and each side is priced from its tokens with the request log's pricing table.
 */
import { Logger } from '@nestjs/common';
import type { PrismaService } from '../../database/prisma.service.js';
import { type RunOutcome, type ShadowOutcomeEntry, ShadowOutcomeSink } from '../../shadow/shadow.port.js';
import { BoundedQueue } from '../request-logs/bounded-queue.js';
import type { PricingTable } from '../request-logs/pricing.js';

export interface ShadowOutcomeWriterOptions {
  flushIntervalMs?: number;
  maxQueue?: number;
}

const BATCH = 500;

export class ShadowOutcomeWriter extends ShadowOutcomeSink {
  private readonly logger = new Logger('ShadowOutcomes');
  private readonly queue: BoundedQueue<ShadowOutcomeEntry>;
  private readonly flushIntervalMs: number;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private written = 0;
  private failed = 0;

  constructor(
    private readonly prisma: PrismaService,
    private readonly pricing: PricingTable,
    options: ShadowOutcomeWriterOptions = {},
  ) {
    super();
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.queue = new BoundedQueue(options.maxQueue ?? 10_000);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  enqueue(entry: ShadowOutcomeEntry): void {
    this.queue.push(entry);
  }

  stats(): { queued: number; written: number; dropped: number; failed: number } {
    return { queued: this.queue.size, written: this.written, dropped: this.queue.dropped, failed: this.failed };
  }

  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** What is queued when the flush starts; later entries wait for the next tick (as the request log's writer). */
  private async drain(): Promise<void> {
    let left = this.queue.size;
    while (left > 0) {
      const batch = this.queue.take(Math.min(BATCH, left));
      left -= batch.length;
      try {
        await this.prisma.shadowOutcome.createMany({ data: batch.map((e) => this.row(e)) });
        this.written += batch.length;
      } catch (error) {
        // Comparisons are statistics: a failed batch is counted and reported, not retried forever.
        this.failed += batch.length;
        this.logger.warn(`Writing ${batch.length} shadow/replay outcomes failed: ${(error as Error).message}`);
        return;
      }
    }
  }

  private row(e: ShadowOutcomeEntry) {
    return {
      createdAt: e.createdAt,
      workspaceId: e.workspaceId,
      source: e.source,
      traceId: e.traceId,
      replayJobId: e.replayJobId ?? null,
      requestLogId: e.requestLogId ?? null,
      path: e.path,
      primaryConfigId: e.primary.configId ?? null,
      primaryConfigVersion: e.primary.configVersion ?? null,
      primaryProvider: e.primary.provider ?? null,
      primaryModel: e.primary.model ?? null,
      primaryStatus: e.primary.status,
      primaryLatencyMs: e.primary.latencyMs,
      primaryPromptTokens: e.primary.promptTokens ?? null,
      primaryCompletionTokens: e.primary.completionTokens ?? null,
      primaryCostUsd: this.cost(e.primary) ?? null,
      shadowConfigId: e.shadow.configId,
      shadowConfigVersion: e.shadow.configVersion ?? null,
      shadowProvider: e.shadow.provider ?? null,
      shadowModel: e.shadow.model ?? null,
      shadowStatus: e.shadow.status,
      shadowLatencyMs: e.shadow.latencyMs,
      shadowPromptTokens: e.shadow.promptTokens ?? null,
      shadowCompletionTokens: e.shadow.completionTokens ?? null,
      shadowCostUsd: this.cost(e.shadow) ?? null,
      shadowError: e.shadow.errorMessage?.slice(0, 1_000) ?? null,
      similarity: e.similarity ?? null,
    };
  }

  private cost(side: RunOutcome): number | undefined {
    return side.costUsd ?? this.pricing.cost(side.provider, side.model, side);
  }
}
