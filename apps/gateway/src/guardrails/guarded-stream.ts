import type { RequestContext } from '../request/request-context.js';
import type { ChunkSink } from '../streaming/chunk-sinks.js';
import { RedactingSink } from './redacting-sink.js';

/** The stream's sink, behind PII redaction when an after-request hook asks for it; untouched otherwise. */
export function guardedSink(ctx: RequestContext, sink: ChunkSink): ChunkSink {
  if (!ctx.guardrails) return sink;
  const makers = ctx.guardrails.streamRedactors();
  return makers.length ? new RedactingSink(sink, makers) : sink;
}
