/**
 * One structured line per finished request (GATEWAY_ACCESS_LOG=true; off by default, since a line
 * per request costs throughput and the request log already keeps every request). The trace id ties
 * it to the response header and the request log. Only ids, names and numbers: never headers,
 * bodies or keys; an error message is cut short (provider errors may quote parts of a request).
 * Written in one deferred batch per event-loop turn, after the answer.
 */
import type { Logger } from 'pino';
import type { RequestContext } from '../request/request-context.js';

export class AccessLog {
  private pending: { ctx: RequestContext; latencyMs: number }[] = [];

  constructor(private readonly log: Logger) {}

  record(ctx: RequestContext): void {
    if (this.pending.length === 0) setImmediate(this.drain);
    this.pending.push({ ctx, latencyMs: ctx.elapsedMs() });
  }

  private readonly drain = (): void => {
    const batch = this.pending;
    this.pending = [];
    for (const { ctx, latencyMs } of batch) {
      const usage = ctx.usage;
      this.log.info(
        {
          traceId: ctx.traceId,
          // The OpenTelemetry trace, when the request is traced (W3C trace id, as in the exported spans).
          otelTraceId: ctx.trace?.root.traceId,
          method: ctx.method,
          // The path without its query string (which may carry caller values).
          path: ctx.path.split('?')[0],
          endpoint: ctx.endpoint,
          provider: ctx.provider,
          model: ctx.upstreamModel ?? ctx.model,
          status: ctx.status,
          latencyMs: round(latencyMs),
          ttfbMs: ctx.ttfbMs === undefined ? undefined : round(ctx.ttfbMs),
          overheadMs: ctx.gatewayOverheadMs === undefined ? undefined : round(ctx.gatewayOverheadMs),
          retries: ctx.retryCount,
          target: ctx.targetPath,
          workspaceId: ctx.workspaceId,
          apiKeyId: ctx.apiKeyId,
          virtualKey: ctx.virtualKeySlug,
          configId: ctx.configId,
          promptTokens: usage?.promptTokens,
          completionTokens: usage?.completionTokens,
          clientGone: ctx.clientGone || undefined,
          error: ctx.errorMessage ? ctx.errorMessage.slice(0, 160) : undefined,
        },
        'request',
      );
    }
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
