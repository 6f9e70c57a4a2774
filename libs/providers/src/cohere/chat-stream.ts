import type { Json, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { cohereError } from './error.js';
import { finishReason } from './finish-reason.js';
import { openAiUsage } from './usage.js';

/**
 * Cohere v2 chat SSE → OpenAI `chat.completion.chunk`s, one state machine per stream.
 *
 * Event flow: message-start → (content-start → content-delta* → content-end)? or
 * (tool-plan-delta* → (tool-call-start → tool-call-delta* → tool-call-end)*) → message-end, with
 * citation and debug events in between. Each event's JSON names itself in `type`, so the SSE
 * `event:` line is only a fallback.
 *
 * Tool calls are numbered by this transformer (0, 1, 2… in order of tool-call-start) and
 * fragments are routed by Cohere's event index, so the OpenAI index never depends on how Cohere
 * numbers its blocks. `message-end` carries the finish reason and the usage: a finish chunk, then
 * the usage-only chunk, always last.
 */
export function createCohereChatStream(ctx: StreamContext): StreamTransformer {
  return new CohereChatStream(ctx);
}

class CohereChatStream implements StreamTransformer {
  private id: string;
  private started = false;
  private finished = false;
  private usage: Json | undefined;
  private usageSent = false;
  private readonly toolIndexByEvent = new Map<number, number>();

  constructor(private readonly ctx: StreamContext) {
    this.id = ctx.id;
  }

  onEvent(event: StreamEvent): Json[] {
    const data = parse(event.data);
    if (!data) return [];
    const delta = (data.delta ?? {}) as Json;
    const message = (delta.message ?? {}) as Json;
    switch (data.type ?? event.event) {
      case 'message-start':
        return this.start(data.id);
      case 'content-delta': {
        const text = (message.content as Json | undefined)?.text;
        return typeof text === 'string' && text ? [this.chunk({ content: text })] : [];
      }
      case 'tool-plan-delta':
        // Cohere's reasoning before tool calls; the non-stream mapping makes it content too.
        return typeof message.tool_plan === 'string' && message.tool_plan ? [this.chunk({ content: message.tool_plan })] : [];
      case 'tool-call-start':
        return this.toolStart(data.index, message.tool_calls as Json | undefined);
      case 'tool-call-delta':
        return this.toolDelta(data.index, message.tool_calls as Json | undefined);
      case 'message-end':
        return this.end(delta);
      default:
        // content-start/-end, tool-call-end, citations, debug and later additions: nothing to send.
        return [];
    }
  }

  /** A stream cut before message-end still reports the usage known so far (none, for Cohere). */
  onEnd(): Json[] {
    return this.started ? this.usageChunk() : [];
  }

  private start(id: unknown): Json[] {
    if (typeof id === 'string' && id) this.id = id;
    if (this.started) return [];
    this.started = true;
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  private toolStart(eventIndex: unknown, call: Json | undefined): Json[] {
    if (!call) return [];
    const index = this.toolIndexByEvent.size;
    this.toolIndexByEvent.set(typeof eventIndex === 'number' ? eventIndex : index, index);
    const fn = (call.function ?? {}) as Json;
    const args = typeof fn.arguments === 'string' ? fn.arguments : '';
    return [this.chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: fn.name, arguments: args } }] })];
  }

  private toolDelta(eventIndex: unknown, call: Json | undefined): Json[] {
    const args = ((call?.function ?? {}) as Json).arguments;
    if (typeof args !== 'string' || !args) return [];
    const index = typeof eventIndex === 'number' ? this.toolIndexByEvent.get(eventIndex) : undefined;
    // A fragment for a call that never started cannot be placed; better dropped than misfiled.
    if (index === undefined) return [];
    return [this.chunk({ tool_calls: [{ index, function: { arguments: args } }] })];
  }

  private end(delta: Json): Json[] {
    if (typeof delta.error === 'string' && delta.error) {
      throw new ProviderStreamError(cohereError(500, { message: delta.error }));
    }
    this.usage = openAiUsage(delta.usage) ?? this.usage;
    if (this.finished) return [];
    this.finished = true;
    return [this.chunk({}, finishReason(delta.finish_reason, this.ctx.strictOpenAiCompliance)), ...this.usageChunk()];
  }

  private usageChunk(): Json[] {
    if (this.usageSent || !this.usage) return [];
    this.usageSent = true;
    return [{ id: this.id, object: 'chat.completion.chunk', created: this.ctx.created, model: this.ctx.model, choices: [], usage: this.usage }];
  }

  private chunk(delta: Json, finish: string | null = null): Json {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.ctx.created,
      model: this.ctx.model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    };
  }
}

function parse(data: string): Json | undefined {
  if (!data || !data.trim() || data.trim() === '[DONE]') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
