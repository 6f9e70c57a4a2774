/**
 * The gateway's Prometheus metrics (prom-client, its own registry): requests, latency, overhead
 * and time to first byte, tokens and cost, retries and fallbacks, rate-limit refusals, cache
 * results, the request log's queue, and Node's own (event-loop lag, memory, GC).
 *
 * Requests are observed after they finish, in one deferred batch per event-loop turn (as the
 * request log does), so reading usage and pricing an answer never delays a client.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PricingTable } from '../control-plane/request-logs/pricing.js';
import { usageFromBytes } from '../proxy/request-log-recorder.js';
import type { RequestContext } from '../request/request-context.js';
import type { MetricLabels } from './metric-labels.js';

export interface RequestLogStatsSource {
  stats(): { queued: number; dropped: number };
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5];

export class GatewayMetrics {
  readonly registry = new Registry();
  private pending: { ctx: RequestContext; latencyMs: number }[] = [];

  private readonly requests = new Counter({
    name: 'gateway_requests_total',
    help: 'Requests answered, by provider, model, endpoint and HTTP status',
    labelNames: ['provider', 'model', 'endpoint', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'Time from the request to the end of the answer (streams: the last byte)',
    labelNames: ['provider', 'endpoint'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly ttfb = new Histogram({
    name: 'gateway_time_to_first_byte_seconds',
    help: 'Time from the request to the first byte of the answer',
    labelNames: ['provider', 'endpoint'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly overhead = new Histogram({
    name: 'gateway_overhead_seconds',
    help: 'Time spent in the gateway itself, excluding the wait for providers',
    labelNames: ['endpoint'] as const,
    buckets: OVERHEAD_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'gateway_tokens_total',
    help: 'Tokens reported by providers, by kind (prompt, completion)',
    labelNames: ['provider', 'model', 'kind'] as const,
    registers: [this.registry],
  });
  private readonly cost = new Counter({
    name: 'gateway_cost_usd_total',
    help: 'Cost of answers in USD, from the request log price table',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'gateway_retries_total',
    help: 'Retries made on the target that answered',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  private readonly fallbacks = new Counter({
    name: 'gateway_fallbacks_total',
    help: 'Requests answered after another target had been called first',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'gateway_rate_limit_rejections_total',
    help: 'Requests (or targets) refused by a rate limit or budget, by what ran out',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly cacheResults = new Counter({
    name: 'gateway_cache_results_total',
    help: 'Response cache results (HIT, MISS, ...) of requests that used the cache',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly labels: MetricLabels,
    private readonly pricing: PricingTable,
    requestLog: RequestLogStatsSource | undefined,
  ) {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    if (requestLog) {
      new Gauge({
        name: 'gateway_request_log_queue_depth',
        help: 'Request-log entries waiting to be written to Postgres',
        registers: [this.registry],
        collect() {
          this.set(requestLog.stats().queued);
        },
      });
      let reported = 0;
      new Counter({
        name: 'gateway_request_log_dropped_total',
        help: 'Request-log entries dropped (queue full while Postgres was away, or rejected rows)',
        registers: [this.registry],
        collect() {
          const dropped = requestLog.stats().dropped;
          if (dropped > reported) this.inc(dropped - reported);
          reported = Math.max(reported, dropped);
        },
      });
    }
  }

  /** Called once per finished request; the work happens on a later tick, in a batch. */
  record(ctx: RequestContext): void {
    if (this.pending.length === 0) setImmediate(this.drain);
    this.pending.push({ ctx, latencyMs: ctx.elapsedMs() });
  }

  /** Prometheus text for GET /metrics (pending observations included). */
  async scrape(): Promise<string> {
    this.drain();
    return this.registry.metrics();
  }

  private readonly drain = (): void => {
    const batch = this.pending;
    this.pending = [];
    for (const { ctx, latencyMs } of batch) this.observe(ctx, latencyMs);
  };

  private observe(ctx: RequestContext, latencyMs: number): void {
    const provider = this.labels.provider(ctx.provider);
    const modelName = ctx.upstreamModel ?? ctx.model;
    const model = this.labels.model(ctx.provider, modelName);
    const endpoint = ctx.endpoint;
    this.requests.inc({ provider, model, endpoint, status: this.labels.status(ctx.status, ctx.clientGone) });
    this.latency.observe({ provider, endpoint }, latencyMs / 1000);
    if (ctx.ttfbMs !== undefined) this.ttfb.observe({ provider, endpoint }, ctx.ttfbMs / 1000);
    if (ctx.gatewayOverheadMs !== undefined) this.overhead.observe({ endpoint }, ctx.gatewayOverheadMs / 1000);
    if (ctx.retryCount > 0) this.retries.inc({ provider }, ctx.retryCount);
    if (ctx.routeAttempts !== undefined && ctx.routeAttempts > Math.max(0, ctx.retryCount) + 1) this.fallbacks.inc({ provider });
    if (ctx.limits?.refused) this.rateLimited.inc({ limit: ctx.limits.refused });
    if (ctx.cacheStatus) this.cacheResults.inc({ status: ctx.cacheStatus.slice(0, 20) });
    const usage = ctx.usage ?? (ctx.status >= 200 && ctx.status < 300 ? usageFromBytes(ctx.responseBytes) : undefined);
    if (!usage) return;
    if (usage.promptTokens) this.tokens.inc({ provider, model, kind: 'prompt' }, usage.promptTokens);
    if (usage.completionTokens) this.tokens.inc({ provider, model, kind: 'completion' }, usage.completionTokens);
    const billed = usage.billedPromptTokens !== undefined || usage.billedCompletionTokens !== undefined;
    const priced = billed ? { promptTokens: usage.billedPromptTokens ?? 0, completionTokens: usage.billedCompletionTokens ?? 0 } : usage;
    const usd = this.pricing.cost(ctx.provider, modelName, priced);
    if (usd) this.cost.inc({ provider, model }, usd);
  }
}
