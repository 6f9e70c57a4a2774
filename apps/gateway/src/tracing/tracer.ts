/**
 * Decides per request whether to trace: always when an OTLP endpoint is configured, and, without
 * one, only to pass an incoming `traceparent` on upstream (as a child of the client's span). With
 * neither, a request costs one header lookup.
 */
import type { RequestContext } from '../request/request-context.js';
import { OtlpExporter } from './otlp-exporter.js';
import { RequestTrace } from './request-trace.js';
import { parseTraceparent } from './traceparent.js';

export class Tracer {
  readonly exporter?: OtlpExporter;

  constructor(options: { endpoint?: string; serviceName: string }) {
    if (options.endpoint) this.exporter = new OtlpExporter(tracesUrl(options.endpoint), options.serviceName);
  }

  start(ctx: RequestContext): RequestTrace | undefined {
    const incoming = ctx.rawHeaders.traceparent;
    if (!this.exporter && incoming === undefined) return undefined;
    const tracestate = ctx.rawHeaders.tracestate;
    return new RequestTrace(this.exporter, parseTraceparent(incoming), typeof tracestate === 'string' ? tracestate : undefined);
  }

  async close(): Promise<void> {
    await this.exporter?.close();
  }
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL; traces go to its /v1/traces. */
export function tracesUrl(endpoint: string): string {
  return endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
