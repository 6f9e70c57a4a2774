import type { Json, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import type { AnthropicContentBlock, AnthropicUsage } from './anthropic.types.js';
import { anthropicError } from './error.js';
import { finishReason } from './finish-reason.js';
import { openAiUsage } from './usage.js';

/**
 * Anthropic Messages SSE → OpenAI `chat.completion.chunk`s, one state machine per stream.
 *
 * Event flow: message_start → (content_block_start → content_block_delta* → content_block_stop)*
 * → message_delta → message_stop, with `ping` anywhere and `error` possibly mid-stream.
 *
 * Tool calls: OpenAI's `tool_calls[].index` numbers the tool calls (0, 1, 2…), while Anthropic's
 * `index` numbers all content blocks, text and thinking included. Each tool_use block gets the
 * next tool-call index when it starts, and its argument fragments are routed by block index to
 * that same tool-call index. (The reference mixes the two numberings and breaks with several tools
 * next to text, its issue #1275.)
 *
 * Usage: input and cache tokens arrive in message_start, output tokens in message_delta (whose
 * counts are cumulative and, in newer API versions, may repeat the input counts; any value present
 * there wins). A usage-only chunk (`choices: []`) is always the last chunk.
 */
export function createChatStream(ctx: StreamContext): StreamTransformer {
  return new AnthropicChatStream(ctx);
}

class AnthropicChatStream implements StreamTransformer {
  private id: string;
  private model: string;
  private readonly usage: AnthropicUsage = {};
  private readonly toolIndexByBlock = new Map<number, number>();
  private started = false;
  private finished = false;
  private usageSent = false;

  constructor(private readonly ctx: StreamContext) {
    this.id = ctx.id;
    this.model = ctx.model;
  }

  onEvent(event: StreamEvent): Json[] {
    const data = parse(event.data);
    // Keep-alives and anything unparseable carry nothing to translate.
    if (!data) return [];
    switch (data.type ?? event.event) {
      case 'message_start':
        return this.messageStart(data.message as Json | undefined);
      case 'content_block_start':
        return this.blockStart(data.index as number, data.content_block as AnthropicContentBlock | undefined);
      case 'content_block_delta':
        return this.blockDelta(data.index as number, data.delta as Json | undefined);
      case 'message_delta':
        return this.messageDelta(data.delta as Json | undefined, data.usage as AnthropicUsage | undefined);
      case 'message_stop':
        return this.usageChunk();
      case 'error':
        throw new ProviderStreamError(anthropicError(500, data));
      default:
        // ping, content_block_stop and event types added later: nothing for the client.
        return [];
    }
  }

  /** A stream cut before message_stop still reports the usage known so far. */
  onEnd(): Json[] {
    return this.started ? this.usageChunk() : [];
  }

  private messageStart(message: Json | undefined): Json[] {
    this.started = true;
    if (typeof message?.id === 'string') this.id = message.id;
    if (typeof message?.model === 'string') this.model = message.model;
    this.mergeUsage(message?.usage as AnthropicUsage | undefined);
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  private blockStart(index: number, block: AnthropicContentBlock | undefined): Json[] {
    if (!block) return [];
    if (block.type === 'tool_use') {
      const toolIndex = this.toolIndexByBlock.size;
      this.toolIndexByBlock.set(index, toolIndex);
      // Anthropic starts tool_use with `input: {}` and streams the JSON in deltas; a non-empty
      // input here (a complete call) is sent whole so no arguments are lost.
      const input = block.input && typeof block.input === 'object' && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
      return [this.chunk({ tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: input } }] })];
    }
    if (block.type === 'text' && block.text) return [this.chunk({ content: block.text })];
    if (!this.ctx.strictOpenAiCompliance && (block.type === 'thinking' || block.type === 'redacted_thinking')) {
      // Thinking text arrives in deltas; a redacted block is complete at its start.
      if (block.type === 'redacted_thinking') return [this.blockChunk(index, { type: 'redacted_thinking', data: block.data })];
      if (block.thinking) return [this.blockChunk(index, { thinking: block.thinking })];
    }
    return [];
  }

  private blockDelta(index: number, delta: Json | undefined): Json[] {
    switch (delta?.type) {
      case 'text_delta':
        return typeof delta.text === 'string' && delta.text ? [this.chunk({ content: delta.text })] : [];
      case 'input_json_delta': {
        const toolIndex = this.toolIndexByBlock.get(index);
        // Fragments of blocks that are not client tool calls (server_tool_use) are not ours to send.
        if (toolIndex === undefined || typeof delta.partial_json !== 'string' || !delta.partial_json) return [];
        return [this.chunk({ tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }] })];
      }
      case 'thinking_delta':
        return this.ctx.strictOpenAiCompliance ? [] : [this.blockChunk(index, { thinking: delta.thinking })];
      case 'signature_delta':
        return this.ctx.strictOpenAiCompliance ? [] : [this.blockChunk(index, { signature: delta.signature })];
      default:
        return [];
    }
  }

  private messageDelta(delta: Json | undefined, usage: AnthropicUsage | undefined): Json[] {
    this.mergeUsage(usage);
    if (this.finished) return [];
    this.finished = true;
    const reason = finishReason(delta?.stop_reason as string | null | undefined, this.ctx.strictOpenAiCompliance);
    return [this.chunk({}, reason)];
  }

  private usageChunk(): Json[] {
    if (this.usageSent) return [];
    this.usageSent = true;
    return [{ id: this.id, object: 'chat.completion.chunk', created: this.ctx.created, model: this.model, choices: [], usage: openAiUsage(this.usage) }];
  }

  private mergeUsage(usage: AnthropicUsage | undefined): void {
    if (!usage) return;
    for (const key of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
      if (typeof usage[key] === 'number') this.usage[key] = usage[key];
    }
  }

  /** Thinking is not OpenAI: sent as `content_blocks` deltas keyed by Anthropic block index. */
  private blockChunk(index: number, delta: Json): Json {
    return this.chunk({ content_blocks: [{ index, delta }] });
  }

  private chunk(delta: Json, finish: string | null = null): Json {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.ctx.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    };
  }
}

function parse(data: string): Json | undefined {
  if (!data || !data.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
