/**
 * OTLP/HTTP JSON export of finished spans (no OpenTelemetry SDK: the encoding is small, and the
 * SDK's packages are not dependencies). Spans are batched and posted once a second, or at 512;
 * an unreachable collector costs a dropped batch and a warning every minute, never a request.
 */
import { Logger } from '@nestjs/common';
import type { AttributeValue, Span } from './span.js';

const MAX_BATCH = 512;
const MAX_QUEUE = 20_000;

export class OtlpExporter {
  private readonly logger = new Logger('Tracing');
  private queue: Span[] = [];
  private readonly timer: NodeJS.Timeout;
  private lastWarning = 0;
  dropped = 0;

  constructor(
    /** The full traces URL (`…/v1/traces`). */
    private readonly url: string,
    private readonly serviceName: string,
  ) {
    this.timer = setInterval(() => void this.flush(), 1_000);
    this.timer.unref();
  }

  export(span: Span): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.dropped++;
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= MAX_BATCH) void this.flush();
  }

  async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.encode(batch)),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`the collector answered ${response.status}`);
    } catch (error) {
      this.dropped += batch.length;
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`Could not export ${batch.length} spans: ${(error as Error).message}`);
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    while (this.queue.length) await this.flush();
  }

  private encode(spans: Span[]) {
    return {
      resourceSpans: [
        {
          resource: { attributes: [attribute('service.name', this.serviceName)] },
          scopeSpans: [
            {
              scope: { name: 'ai-gateway' },
              spans: spans.map((s) => ({
                traceId: s.traceId,
                spanId: s.spanId,
                ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
                name: s.name,
                kind: s.kind,
                startTimeUnixNano: String(s.startNs),
                endTimeUnixNano: String(s.endNs ?? s.startNs),
                attributes: Object.entries(s.attributes).map(([k, v]) => attribute(k, v)),
                status: { code: s.status },
              })),
            },
          ],
        },
      ],
    };
  }
}

function attribute(key: string, value: AttributeValue) {
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  if (typeof value === 'number') return { key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } };
  return { key, value: { stringValue: value } };
}
