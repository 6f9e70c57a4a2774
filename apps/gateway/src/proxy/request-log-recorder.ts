import { Inject, Injectable } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import type { RequestLogEntry } from '../control-plane/control-plane.port.js';
import { NullRequestLogSink, RequestLogSink } from '../control-plane/control-plane.port.js';
import type { RequestContext } from '../request/request-context.js';
import { usageCounts } from '../streaming/usage.js';
import { loggedAttempts } from './attempt-log.js';

/**
 * Hands each finished request to the request log, after the response is on its way: the entry is
 * built on a later tick, so parsing a passed-through body for its usage never delays a client.
 */
@Injectable()
export class RequestLogRecorder {
  private readonly enabled: boolean;

  constructor(
    private readonly sink: RequestLogSink,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.enabled = !(sink instanceof NullRequestLogSink);
  }

  private pending: { ctx: RequestContext; latencyMs: number }[] = [];

  record(ctx: RequestContext): void {
    if (!this.enabled) return;
    // One deferred task per event-loop turn for all requests finished in it, not one per request.
    if (this.pending.length === 0) setImmediate(this.drain);
    this.pending.push({ ctx, latencyMs: ctx.elapsedMs() });
  }

  private readonly drain = (): void => {
    const batch = this.pending;
    this.pending = [];
    for (const { ctx, latencyMs } of batch) this.sink.enqueue(this.entry(ctx, latencyMs));
  };

  private entry(ctx: RequestContext, latencyMs: number): RequestLogEntry {
    const usage = ctx.usage ?? usageFromBytes(ctx.responseBytes);
    // Bodies hold prompts: only for workspaces that turned body logging on, or everywhere when the
    // operator did (GATEWAY_LOG_BODIES).
    const withBodies = this.config.logBodies || this.sink.logsBodies(ctx.workspaceId);
    return {
      createdAt: ctx.receivedAt,
      traceId: ctx.traceId,
      workspaceId: ctx.workspaceId,
      apiKeyId: ctx.apiKeyId,
      virtualKeySlug: ctx.virtualKeySlug,
      configId: ctx.configId,
      configVersion: ctx.configVersion,
      provider: ctx.provider,
      model: ctx.upstreamModel ?? ctx.model,
      method: ctx.method,
      path: ctx.path,
      status: ctx.status,
      latencyMs,
      ttfbMs: ctx.ttfbMs,
      gatewayOverheadMs: ctx.gatewayOverheadMs,
      retryCount: ctx.retryCount,
      targetPath: ctx.targetPath,
      cacheStatus: ctx.cacheStatus ?? 'DISABLED',
      promptTokens: usage?.promptTokens,
      completionTokens: usage?.completionTokens,
      cachedTokens: usage?.cachedTokens,
      billedPromptTokens: usage?.billedPromptTokens,
      billedCompletionTokens: usage?.billedCompletionTokens,
      stream: ctx.stream,
      errorMessage: ctx.errorMessage,
      metadata: ctx.headers.metadata,
      hookResults: ctx.guardrails?.logged(),
      attempts: loggedAttempts(ctx),
      ...(withBodies ? { requestBody: ctx.body, responseBody: ctx.responseBytes?.toString('utf8') } : {}),
    };
  }
}

/**
 * Usage from a passed-through JSON body. Only the `"usage"` object is parsed (it comes last in
 * OpenAI-style bodies), not the whole response: this runs for every logged request.
 */
export function usageFromBytes(bytes: Buffer | undefined) {
  if (!bytes) return undefined;
  const key = bytes.lastIndexOf('"usage"');
  if (key === -1) return undefined;
  const start = bytes.indexOf('{', key);
  if (start === -1) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      try {
        return usageCounts(JSON.parse(bytes.toString('utf8', start, i + 1)));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
