import type { Json } from '../../core/types.js';
import type { ChatChunk, ChatToolCallDelta, ChatUsage } from '../shared/chat.types.js';
import { randomId } from '../shared/ids.js';
import { chatErrorToMessagesError } from './messages-error.js';
import { stopReason } from './stop-reason.js';
import { messagesUsage } from './usage.js';

/** One Anthropic SSE event: `event: <event>` / `data: <JSON of data>`; `data.type` equals `event`. */
export interface MessagesStreamEvent {
  event: string;
  data: Json;
}

export interface ChatToMessagesStream {
  /** Events for one upstream `chat.completion.chunk`. */
  onChunk(chunk: Json): MessagesStreamEvent[];
  /** The upstream ended: whatever closes the message (block stops, message_delta, message_stop). */
  onEnd(): MessagesStreamEvent[];
  /** The upstream failed mid-stream: Anthropic's in-stream `error` event (nothing more may follow). */
  onError(status: number, error: unknown): MessagesStreamEvent[];
}

interface ToolState {
  id?: string;
  name?: string;
  /** Arguments received before the block could open (no name yet). */
  pending: string;
  /** Anthropic content-block index, once the block is open. */
  block?: number;
  closed: boolean;
}

/**
 * OpenAI `chat.completion.chunk`s → Anthropic Messages SSE events, one state machine per stream.
 *
 * Grammar produced: message_start, ping, then per content block content_block_start →
 * content_block_delta* → content_block_stop, then message_delta, message_stop. Blocks are numbered
 * 0, 1, 2… in the order they open, and only one is open at a time, as Anthropic streams them: text
 * arriving after a tool call, or a tool call with a new OpenAI `index`, closes the open block.
 *
 * Usage arrives last in chat streams (a chunk with `choices: []`), after the finish reason, so
 * message_delta (which carries `output_tokens`) is held until that chunk or the end of the stream.
 * message_start cannot wait that long, so its usage holds only what the first chunk says (usually
 * nothing: 0); message_delta repeats the input counts, which the Anthropic SDKs take over.
 *
 * Chat providers stream tool calls one after the other. Should one send a fragment for a call
 * whose block was already closed, the fragment is still sent, under that block's index, so no
 * argument text is lost (Anthropic's SDKs accumulate by index); strictly it breaks the grammar.
 */
export function createChatToMessagesStream(ctx: { id: string; model: string }): ChatToMessagesStream {
  return new MessagesStreamState(ctx);
}

class MessagesStreamState implements ChatToMessagesStream {
  private started = false;
  private done = false;
  private nextBlock = 0;
  /** The open block: 'text' or the OpenAI tool-call index. */
  private open: { kind: 'text'; block: number } | { kind: 'tool'; key: number } | undefined;
  private readonly tools = new Map<number, ToolState>();
  private lastToolKey: number | undefined;
  private finishReason: string | null | undefined;
  private usage: ChatUsage | undefined;

  constructor(private readonly ctx: { id: string; model: string }) {}

  onChunk(raw: Json): MessagesStreamEvent[] {
    if (this.done) return [];
    const chunk = raw as ChatChunk;
    const out: MessagesStreamEvent[] = [];
    if (chunk.usage && typeof chunk.usage === 'object') this.usage = chunk.usage;
    if (!this.started) out.push(...this.start());

    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const delta = choice?.delta;
    if (typeof delta?.content === 'string' && delta.content) out.push(...this.text(delta.content));
    // Chat streams refusals separately; Anthropic has only text (with stop_reason `refusal`).
    if (typeof delta?.refusal === 'string' && delta.refusal) out.push(...this.text(delta.refusal));
    for (const call of delta?.tool_calls ?? []) out.push(...this.toolFragment(call));
    if (choice?.finish_reason) {
      this.finishReason = choice.finish_reason;
      out.push(...this.closeBlocks());
    }

    // The usage-only chunk follows the finish reason: nothing else will change the message.
    const usageOnly = (chunk.choices ?? []).length === 0 && chunk.usage;
    if (usageOnly && this.finishReason) out.push(...this.finish());
    return out;
  }

  onEnd(): MessagesStreamEvent[] {
    if (this.done) return [];
    // An empty upstream stream still yields a well-formed (empty) message.
    return [...(this.started ? [] : this.start()), ...this.closeBlocks(), ...this.finish()];
  }

  onError(status: number, error: unknown): MessagesStreamEvent[] {
    if (this.done) return [];
    this.done = true;
    return [{ event: 'error', data: chatErrorToMessagesError(status, error) }];
  }

  private start(): MessagesStreamEvent[] {
    this.started = true;
    const usage = messagesUsage(this.usage);
    return [
      event('message_start', {
        message: {
          id: this.ctx.id,
          type: 'message',
          role: 'assistant',
          model: this.ctx.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 0 },
        },
      }),
      event('ping', {}),
    ];
  }

  private text(text: string): MessagesStreamEvent[] {
    const out: MessagesStreamEvent[] = [];
    if (this.open?.kind !== 'text') {
      out.push(...this.closeOpen());
      const block = this.nextBlock++;
      this.open = { kind: 'text', block };
      out.push(event('content_block_start', { index: block, content_block: { type: 'text', text: '' } }));
    }
    out.push(event('content_block_delta', { index: this.open.block, delta: { type: 'text_delta', text } }));
    return out;
  }

  private toolFragment(call: ChatToolCallDelta): MessagesStreamEvent[] {
    const key = this.toolKey(call);
    let tool = this.tools.get(key);
    if (!tool) {
      tool = { pending: '', closed: false };
      this.tools.set(key, tool);
    }
    this.lastToolKey = key;
    if (!tool.id && call.id) tool.id = call.id;
    if (!tool.name && call.function?.name) tool.name = call.function.name;
    const args = typeof call.function?.arguments === 'string' ? call.function.arguments : '';

    if (tool.block === undefined) {
      // A tool_use block starts with its name; fragments before the name are held back.
      tool.pending += args;
      return tool.name ? this.openTool(key, tool) : [];
    }
    return args ? [jsonDelta(tool.block, args)] : [];
  }

  /** OpenAI numbers calls with `index`; providers that omit it send one call per id. */
  private toolKey(call: ChatToolCallDelta): number {
    if (typeof call.index === 'number') return call.index;
    if (call.id && ![...this.tools.values()].some((t) => t.id === call.id)) return this.tools.size === 0 ? 0 : Math.max(...this.tools.keys()) + 1;
    return this.lastToolKey ?? 0;
  }

  private openTool(key: number, tool: ToolState): MessagesStreamEvent[] {
    const out = this.closeOpen();
    tool.block = this.nextBlock++;
    tool.id ??= randomId('toolu_');
    this.open = { kind: 'tool', key };
    out.push(event('content_block_start', { index: tool.block, content_block: { type: 'tool_use', id: tool.id, name: tool.name ?? '', input: {} } }));
    if (tool.pending) out.push(jsonDelta(tool.block, tool.pending));
    tool.pending = '';
    return out;
  }

  private closeOpen(): MessagesStreamEvent[] {
    const open = this.open;
    this.open = undefined;
    if (!open) return [];
    if (open.kind === 'text') return [event('content_block_stop', { index: open.block })];
    const tool = this.tools.get(open.key);
    if (!tool || tool.block === undefined || tool.closed) return [];
    tool.closed = true;
    return [event('content_block_stop', { index: tool.block })];
  }

  /** Closes the open block, then opens and closes any call whose name never arrived. */
  private closeBlocks(): MessagesStreamEvent[] {
    const out = this.closeOpen();
    for (const [key, tool] of this.tools) {
      if (tool.block === undefined) out.push(...this.openTool(key, tool), ...this.closeOpen());
    }
    return out;
  }

  private finish(): MessagesStreamEvent[] {
    this.done = true;
    const usage = messagesUsage(this.usage);
    return [
      event('message_delta', {
        delta: { stop_reason: stopReason(this.finishReason, this.tools.size > 0), stop_sequence: null },
        // The input counts are only known now; Anthropic's SDKs take them from message_delta.
        usage: this.usage ? usage : { output_tokens: 0 },
      }),
      event('message_stop', {}),
    ];
  }
}

function event(type: string, fields: Json): MessagesStreamEvent {
  return { event: type, data: { type, ...fields } };
}

function jsonDelta(index: number, partialJson: string): MessagesStreamEvent {
  return event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partialJson } });
}

