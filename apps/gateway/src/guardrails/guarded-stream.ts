import type { HookResult } from '@aigw/guardrails';
import type { Json } from '@aigw/providers';
import type { RequestContext } from '../request/request-context.js';
import type { ChunkSink } from '../streaming/chunk-sinks.js';
import { RedactingSink } from './redacting-sink.js';

/**
 * The stream's sink with the guardrails it needs: PII redaction when an after-request hook asks
 * for it, and (as the reference does when strict OpenAI compliance is off) a first event carrying
 * the before-request hook results. Untouched when the target has no hooks.
 */
export function guardedSink(ctx: RequestContext, sink: ChunkSink, strictOpenAiCompliance: boolean): ChunkSink {
  const guarded = ctx.guardrails;
  if (!guarded) return sink;
  const makers = guarded.streamRedactors();
  let out = makers.length ? new RedactingSink(sink, makers) : sink;
  const before = guarded.results().before_request_hooks;
  // Only OpenAI-format streams: the Messages and Responses event grammars have no such event.
  const openAiStream = ctx.endpoint === 'chatComplete' || ctx.endpoint === 'complete';
  if (!strictOpenAiCompliance && openAiStream && before.length) out = new HookResultsFirstSink(out, before);
  return out;
}

/** Writes `data: {"hook_results":{"before_request_hooks":[…]}}` before the stream's first event. */
class HookResultsFirstSink implements ChunkSink {
  private first: string;

  constructor(
    private readonly inner: ChunkSink,
    before: HookResult[],
  ) {
    this.first = `data: ${JSON.stringify({ hook_results: { before_request_hooks: before } })}\n\n`;
  }

  get usage() {
    return this.inner.usage;
  }

  chunk(chunk: Json): string {
    return this.lead() + this.inner.chunk(chunk);
  }

  text(data: string): string {
    return this.lead() + this.inner.text(data);
  }

  end(): string {
    return this.lead() + this.inner.end();
  }

  error(status: number, body: unknown): string {
    return this.lead() + this.inner.error(status, body);
  }

  private lead(): string {
    const first = this.first;
    this.first = '';
    return first;
  }
}
