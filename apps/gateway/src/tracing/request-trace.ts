/**
 * The spans of one request: a server span for the request, a client span for each upstream
 * attempt (retries and fallback targets each get theirs), whose context goes upstream in
 * `traceparent` (and the client's `tracestate`, unchanged), and an internal span for each guardrail
 * hook that ran. Attributes are names, ids, statuses and counts: never prompt text, URLs (some
 * providers put keys in them), headers, or what a check found (its data and explanation).
 */
import type { HookResult } from '@aigw/guardrails';
import { usageFromBytes } from '../proxy/request-log-recorder.js';
import type { RequestContext } from '../request/request-context.js';
import type { OtlpExporter } from './otlp-exporter.js';
import { SPAN_KIND, type Span, nowNs } from './span.js';
import { type ParentContext, formatTraceparent, newSpanId, newTraceId } from './traceparent.js';

export class RequestTrace {
  readonly root: Span;
  private readonly sampled: boolean;

  constructor(
    private readonly exporter: OtlpExporter | undefined,
    parent: ParentContext | undefined,
    private readonly tracestate: string | undefined,
  ) {
    this.sampled = parent?.sampled ?? true;
    this.root = {
      traceId: parent?.traceId ?? newTraceId(),
      spanId: newSpanId(),
      parentSpanId: parent?.spanId,
      name: 'gateway.request',
      kind: SPAN_KIND.server,
      startNs: nowNs(),
      attributes: {},
      status: 0,
    };
  }

  /** Opens the attempt's span and writes its context into the upstream request's headers. */
  startAttempt(provider: string, model: string, headers: Record<string, string>): Span {
    const span: Span = {
      traceId: this.root.traceId,
      spanId: newSpanId(),
      parentSpanId: this.root.spanId,
      name: 'gateway.attempt',
      kind: SPAN_KIND.client,
      startNs: nowNs(),
      attributes: { 'gen_ai.system': provider, ...(model ? { 'gen_ai.request.model': model } : {}) },
      status: 0,
    };
    headers.traceparent = formatTraceparent(span.traceId, span.spanId, this.sampled);
    if (this.tracestate) headers.tracestate = this.tracestate;
    return span;
  }

  endAttempt(span: Span, status: number, error?: string): void {
    span.endNs = nowNs();
    span.attributes['http.response.status_code'] = status;
    if (error) span.attributes['error.type'] = error;
    span.status = status >= 500 || error ? 2 : 1;
    if (this.sampled) this.exporter?.export(span);
  }

  /** A span per hook of one event, timed by the hook runner (ms), under the request's span. */
  hooks(event: 'before_request' | 'after_request', results: readonly HookResult[]): void {
    if (!this.sampled || !this.exporter) return;
    for (const hook of results) {
      const startNs = BigInt(Date.parse(hook.created_at)) * 1_000_000n;
      const failed = hook.checks.filter((c) => !c.verdict).map((c) => c.id);
      const errored = hook.checks.find((c) => c.error);
      const attributes: Span['attributes'] = {
        'gateway.hook.id': hook.id,
        'gateway.hook.event': event,
        'gateway.hook.type': hook.type,
        'gateway.hook.verdict': hook.verdict,
        'gateway.hook.deny': hook.deny,
        'gateway.hook.transformed': hook.transformed,
        'gateway.hook.checks': hook.checks.map((c) => c.id).join(','),
        'gateway.hook.duration_ms': hook.execution_time,
      };
      if (failed.length) attributes['gateway.hook.failed_checks'] = failed.join(',');
      if (errored?.error) attributes['error.type'] = errored.error.name;
      this.exporter.export({
        traceId: this.root.traceId,
        spanId: newSpanId(),
        parentSpanId: this.root.spanId,
        name: 'gateway.hook',
        kind: SPAN_KIND.internal,
        startNs,
        endNs: startNs + BigInt(Math.round(hook.execution_time * 1_000_000)),
        attributes,
        // A verdict is the hook doing its job; only a check that could not run is an error.
        status: errored ? 2 : 1,
      });
    }
  }

  finish(ctx: RequestContext): void {
    const span = this.root;
    span.endNs = nowNs();
    const a = span.attributes;
    a['gateway.trace_id'] = ctx.traceId;
    a['gateway.endpoint'] = ctx.endpoint;
    a['http.request.method'] = ctx.method;
    a['http.response.status_code'] = ctx.status;
    a['gateway.retry_count'] = ctx.retryCount;
    if (ctx.provider) a['gen_ai.system'] = ctx.provider;
    const model = ctx.upstreamModel ?? ctx.model;
    if (model) a['gen_ai.request.model'] = model;
    if (ctx.targetPath) a['gateway.target'] = ctx.targetPath;
    // A passed-through answer's usage is only in its bytes (traced requests alone pay for this read).
    const usage = ctx.usage ?? usageFromBytes(ctx.responseBytes);
    if (usage?.promptTokens !== undefined) a['gen_ai.usage.input_tokens'] = usage.promptTokens;
    if (usage?.completionTokens !== undefined) a['gen_ai.usage.output_tokens'] = usage.completionTokens;
    if (ctx.clientGone) a['gateway.client_gone'] = true;
    span.status = ctx.status >= 500 || ctx.status === 0 ? 2 : 1;
    if (this.sampled) this.exporter?.export(span);
  }
}
