import type { Json } from '@aigw/providers';
import { createChatToMessagesStream, createChatToResponsesStream } from '@aigw/providers';
import type { UsageCounts } from '../request/request-context.js';
import { UsageChunkFilter } from './chunk-filter.js';
import { usageCounts } from './usage.js';

/**
 * Where a relayed stream's OpenAI chunks go, and in what wire format. The relay parses and
 * translates the upstream into OpenAI `chat.completion.chunk` objects; a sink frames them for the
 * API the client called: OpenAI SSE (chat completions), or the Anthropic Messages / OpenAI
 * Responses event grammars when the gateway translated the request onto chat completions.
 */
export interface ChunkSink {
  /** Text to write for one chunk object. */
  chunk(chunk: Json): string;
  /** Text to write for one upstream SSE data line that is already an OpenAI chunk. */
  text(data: string): string;
  /** Text that ends a successful stream. */
  end(): string;
  /** Text that ends a failed stream (after the first byte, so as an event). */
  error(status: number, body: unknown): string;
  readonly usage?: UsageCounts;
}

/** OpenAI SSE: chunks as `data:` lines, usage only when the client asked, `[DONE]` at the end. */
export class OpenAiSseSink implements ChunkSink {
  private readonly filter: UsageChunkFilter;

  constructor(clientWantsUsage: boolean) {
    this.filter = new UsageChunkFilter(clientWantsUsage);
  }

  get usage(): UsageCounts | undefined {
    return this.filter.usage;
  }

  chunk(chunk: Json): string {
    const kept = this.filter.filterObject(chunk);
    return kept === undefined ? '' : `data: ${JSON.stringify(kept)}\n\n`;
  }

  text(data: string): string {
    const kept = this.filter.filterText(data);
    return kept === undefined ? '' : `data: ${kept}\n\n`;
  }

  end(): string {
    return 'data: [DONE]\n\n';
  }

  error(_status: number, body: unknown): string {
    return `data: ${JSON.stringify(body)}\n\n`;
  }
}

interface EventTranslator {
  onChunk(chunk: Json): { event: string; data: Json }[];
  onEnd(): { event: string; data: Json }[];
  onError(status: number, error: unknown): { event: string; data: Json }[];
}

/** Named SSE events (`event:` + `data:`), as the Anthropic and Responses APIs stream. */
abstract class TranslatingSink implements ChunkSink {
  usage?: UsageCounts;

  protected constructor(private readonly translator: EventTranslator) {}

  chunk(chunk: Json): string {
    if (chunk.usage) this.usage = usageCounts(chunk.usage) ?? this.usage;
    return frame(this.translator.onChunk(chunk));
  }

  text(data: string): string {
    let chunk: Json;
    try {
      chunk = JSON.parse(data) as Json;
    } catch {
      return '';
    }
    return this.chunk(chunk);
  }

  end(): string {
    return frame(this.translator.onEnd());
  }

  error(status: number, body: unknown): string {
    return frame(this.translator.onError(status, body));
  }
}

export class AnthropicMessagesSink extends TranslatingSink {
  constructor(id: string, model: string) {
    super(createChatToMessagesStream({ id, model }));
  }
}

export class ResponsesSink extends TranslatingSink {
  constructor(responseId: string, model: string, request: Json) {
    super(createChatToResponsesStream({ responseId, model, createdAt: Math.floor(Date.now() / 1000), request }));
  }
}

function frame(events: { event: string; data: Json }[]): string {
  let out = '';
  for (const e of events) out += `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
  return out;
}
