/**
 * Shadow traffic: a request the planner drew for its saved config's `shadow` (ctx.shadow) is,
 * once the client has its whole answer, sent again to the shadow config in the background, and
 * both outcomes go to the comparison log side by side.
 *
 * The client never waits on any of it: `offer` runs in the request's `finally`, after the answer
 * was written, and only copies a few fields; the shadow call starts on a later tick. At most
 * `concurrency` shadows run at once and at most `maxQueue` wait; beyond that a shadow is dropped,
 * counted, and reported in the log (at most every 10 s), so a slow shadow config can never grow
 * memory or steal more than its slots from the primary traffic.
 */
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Endpoint, Json } from '@aigw/providers';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { usageFromBytes } from '../proxy/request-log-recorder.js';
import type { RequestContext } from '../request/request-context.js';
import { answerText } from './answer-text.js';
import { runOutcomeOf } from './run-outcome.js';
import { BackgroundRunner } from './background-runner.js';
import { answerSimilarity } from './similarity.js';
import { type RunOutcome, ShadowOutcomeSink } from './shadow.port.js';

interface ShadowJob {
  createdAt: Date;
  workspaceId: string;
  apiKeyId?: string;
  traceId: string;
  endpoint: Endpoint;
  method: string;
  path: string;
  body: Json;
  metadata?: Record<string, unknown>;
  shadowConfigId: string;
  primary: RunOutcome;
  /** The primary's JSON answer (its text is read off the request path, when the shadow runs). */
  primaryBody?: string;
  /** A streamed primary's text, collected as it passed. */
  primaryText?: string;
}

export interface ShadowStats {
  /** Requests drawn for shadowing and taken (run at once or queued). */
  accepted: number;
  /** Shadows started (sent to the shadow config). */
  started: number;
  completed: number;
  /** Dropped because the queue was full. */
  dropped: number;
  running: number;
  queued: number;
}

export const DEFAULT_SHADOW_CONCURRENCY = 8;
export const DEFAULT_SHADOW_QUEUE = 100;

@Injectable()
export class ShadowTraffic {
  private readonly logger = new Logger('ShadowTraffic');
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly queue: ShadowJob[] = [];
  private running = 0;
  private accepted = 0;
  private started = 0;
  private completed = 0;
  private dropped = 0;
  private reportedDropped = 0;
  private lastReportAt = 0;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly runner: BackgroundRunner,
    // Present with a control plane; without one there are no saved configs, hence no shadows.
    @Optional() @Inject(ShadowOutcomeSink) private readonly sink: ShadowOutcomeSink | null,
    @Optional() @Inject(GatewayMetrics) metrics?: GatewayMetrics | null,
  ) {
    this.concurrency = config.shadowConcurrency ?? DEFAULT_SHADOW_CONCURRENCY;
    this.maxQueue = config.shadowQueue ?? DEFAULT_SHADOW_QUEUE;
    this.timeoutMs = config.shadowTimeoutMs ?? 60_000;
    if (metrics && this.sink) this.exposeMetrics(metrics.registry);
  }

  /** Called for every finished request; a request not drawn for shadowing costs one property check. */
  offer(ctx: RequestContext): void {
    const shadow = ctx.shadow;
    if (!shadow || !this.sink || !ctx.workspaceId) return;
    // Sent once to a provider already: a passthrough call may not be idempotent, an upload is gone.
    if (ctx.endpoint === 'passthrough' || ctx.rawBody === undefined || ctx.clientGone) return;
    // Refused before routing (a rate limit, a budget): the request never ran, so neither does its shadow.
    if (ctx.routeAttempts === undefined) return;
    if (this.running >= this.concurrency && this.queue.length >= this.maxQueue) {
      this.dropped++;
      this.reportDrops();
      return;
    }
    const usage = ctx.usage ?? usageFromBytes(ctx.responseBytes);
    const job: ShadowJob = {
      createdAt: ctx.receivedAt,
      workspaceId: ctx.workspaceId,
      apiKeyId: ctx.apiKeyId,
      traceId: ctx.traceId,
      endpoint: ctx.endpoint,
      method: ctx.method,
      path: ctx.path,
      body: ctx.body,
      metadata: ctx.headers.metadata,
      shadowConfigId: shadow.configId,
      primary: runOutcomeOf(ctx, usage),
      // The passed-through body (fast path), the JSON the writer sent, or a stream's collected text.
      primaryBody: ctx.status >= 200 && ctx.status < 300 && shadow.text === undefined ? (shadow.answer ?? ctx.responseBytes?.toString('utf8')) : undefined,
      primaryText: ctx.status >= 200 && ctx.status < 300 ? shadow.text : undefined,
    };
    this.accepted++;
    if (this.running < this.concurrency) {
      this.running++;
      // A later tick: the shadow's planning and serialising never share the client's turn.
      setImmediate(() => void this.runLoop(job));
    } else {
      this.queue.push(job);
    }
  }

  stats(): ShadowStats {
    return { accepted: this.accepted, started: this.started, completed: this.completed, dropped: this.dropped, running: this.running, queued: this.queue.length };
  }

  /** Runs `job`, then whatever queued meanwhile, in one of the `concurrency` slots. */
  private async runLoop(first: ShadowJob): Promise<void> {
    let job: ShadowJob | undefined = first;
    try {
      while (job) {
        await this.runOne(job);
        job = this.queue.shift();
      }
    } finally {
      this.running--;
    }
  }

  private async runOne(job: ShadowJob): Promise<void> {
    this.started++;
    try {
      const result = await this.runner.run({
        workspaceId: job.workspaceId,
        apiKeyId: job.apiKeyId,
        configId: job.shadowConfigId,
        endpoint: job.endpoint,
        method: job.method,
        path: job.path,
        body: job.body,
        metadata: job.metadata,
        timeoutMs: this.timeoutMs,
      });
      const { text, ...shadow } = result;
      this.sink!.enqueue({
        createdAt: job.createdAt,
        workspaceId: job.workspaceId,
        source: 'shadow',
        traceId: job.traceId,
        path: job.path,
        primary: job.primary,
        shadow: { ...shadow, configId: job.shadowConfigId },
        similarity: answerSimilarity(job.primaryText ?? answerTextOf(job.primaryBody), text),
      });
    } catch (error) {
      this.logger.warn(`Shadow run for ${job.traceId} failed: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      this.completed++;
    }
  }

  /** Read from the counters at scrape time: nothing is observed on the request path. */
  private exposeMetrics(registry: Registry): void {
    const stats = () => this.stats();
    const reported = { started: 0, dropped: 0 };
    new Counter({
      name: 'gateway_shadow_requests_total',
      help: 'Shadow requests by fate: started (sent to the shadow config) or dropped (the shadow queue was full)',
      labelNames: ['result'] as const,
      registers: [registry],
      collect() {
        const now = stats();
        for (const result of ['started', 'dropped'] as const) {
          if (now[result] > reported[result]) this.inc({ result }, now[result] - reported[result]);
          reported[result] = Math.max(reported[result], now[result]);
        }
      },
    });
    new Gauge({
      name: 'gateway_shadow_in_flight',
      help: 'Shadow requests running and waiting in the shadow queue',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const now = stats();
        this.set({ state: 'running' }, now.running);
        this.set({ state: 'queued' }, now.queued);
      },
    });
  }

  private reportDrops(): void {
    if (Date.now() - this.lastReportAt < 10_000) return;
    this.logger.warn(
      `Shadow traffic: ${this.dropped - this.reportedDropped} shadow requests dropped since the last report (${this.dropped} in total); ` +
        `${this.running} running, ${this.queue.length} queued (GATEWAY_SHADOW_CONCURRENCY=${this.concurrency}, GATEWAY_SHADOW_QUEUE=${this.maxQueue}).`,
    );
    this.reportedDropped = this.dropped;
    this.lastReportAt = Date.now();
  }
}

function answerTextOf(body: string | undefined): string | undefined {
  return body === undefined ? undefined : answerText(body);
}
