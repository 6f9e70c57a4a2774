/** A finished or running span, as the exporter sends it (OTLP's fields, our types). */
export type AttributeValue = string | number | boolean;

export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: (typeof SPAN_KIND)[keyof typeof SPAN_KIND];
  startNs: bigint;
  endNs?: bigint;
  attributes: Record<string, AttributeValue>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: 0 | 1 | 2;
}

// Wall-clock nanoseconds from a monotonic clock anchored once (Date.now() has only ms).
const anchorNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

export function nowNs(): bigint {
  return anchorNs + process.hrtime.bigint();
}
