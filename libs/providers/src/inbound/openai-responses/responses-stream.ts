import type { Json } from '../../core/types.js';
import type { ChatChunk, ChatToolCallDelta, ChatUsage } from '../shared/chat.types.js';
import { randomId } from '../shared/ids.js';
import { completionStatus, itemId, outputTextPart, responseObject, responsesUsage } from './responses-object.js';
import { responsesStreamErrorDetail } from './responses-error.js';

/** One Responses SSE event: `event: <event>` / `data: <JSON of data>`; `data.type` equals `event`. */
export interface ResponsesStreamEvent {
  event: string;
  data: Json;
}

export interface ChatToResponsesStream {
  /** Events for one upstream `chat.completion.chunk`. */
  onChunk(chunk: Json): ResponsesStreamEvent[];
  /** The upstream ended: close open items, then `response.completed` (or `response.incomplete`). */
  onEnd(): ResponsesStreamEvent[];
  /** The upstream failed mid-stream: `response.failed` with the error; nothing more may follow. */
  onError(status: number, error: unknown): ResponsesStreamEvent[];
}

export interface ResponsesStreamContext {
  responseId: string;
  model: string;
  /** Unix seconds. */
  createdAt: number;
  /** The client's Responses request, echoed in the response objects. */
  request: Json;
}

type PartKind = 'output_text' | 'refusal';

interface MessageState {
  outputIndex: number;
  id: string;
  parts: Array<{ kind: PartKind; text: string }>;
}

interface CallState {
  callId?: string;
  name?: string;
  args: string;
  outputIndex?: number;
  closed: boolean;
}

/**
 * OpenAI `chat.completion.chunk`s → Responses streaming events, one state machine per stream.
 *
 * Grammar produced (every event with a `sequence_number` from 0): response.created,
 * response.in_progress; per assistant message: output_item.added, content_part.added,
 * output_text.delta*, output_text.done, content_part.done, output_item.done (a refusal part uses
 * refusal.delta/refusal.done instead); per tool call: output_item.added (function_call),
 * function_call_arguments.delta*, function_call_arguments.done, output_item.done; then
 * response.completed, or response.incomplete when the output was cut (`length`,
 * `content_filter`), as the API does. Items are streamed one at a time in output order.
 *
 * Usage arrives last in chat streams (a chunk with `choices: []`), so the closing event waits for
 * that chunk or the end of the stream. Should a provider send a fragment for a tool call whose item
 * was already closed, it is still sent under that item's output_index and kept in the final
 * response, so no argument text is lost.
 */
export function createChatToResponsesStream(ctx: ResponsesStreamContext): ChatToResponsesStream {
  return new ResponsesStreamState(ctx);
}

class ResponsesStreamState implements ChatToResponsesStream {
  private sequence = 0;
  private started = false;
  private done = false;
  /** Finished (or, while open, placeholder) output items by output_index. */
  private readonly output: Json[] = [];
  private open: { kind: 'message'; message: MessageState } | { kind: 'call'; key: number } | undefined;
  private readonly calls = new Map<number, CallState>();
  private lastCallKey: number | undefined;
  private finishReason: string | null | undefined;
  private usage: ChatUsage | undefined;

  constructor(private readonly ctx: ResponsesStreamContext) {}

  onChunk(raw: Json): ResponsesStreamEvent[] {
    if (this.done) return [];
    const chunk = raw as ChatChunk;
    const out: ResponsesStreamEvent[] = [];
    if (chunk.usage && typeof chunk.usage === 'object') this.usage = chunk.usage;
    if (!this.started) out.push(...this.start());

    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const delta = choice?.delta;
    if (typeof delta?.content === 'string' && delta.content) out.push(...this.messageText('output_text', delta.content));
    if (typeof delta?.refusal === 'string' && delta.refusal) out.push(...this.messageText('refusal', delta.refusal));
    for (const call of delta?.tool_calls ?? []) out.push(...this.callFragment(call));
    if (choice?.finish_reason) {
      this.finishReason = choice.finish_reason;
      out.push(...this.closeItems());
    }

    const usageOnly = (chunk.choices ?? []).length === 0 && chunk.usage;
    if (usageOnly && this.finishReason) out.push(...this.finish());
    return out;
  }

  onEnd(): ResponsesStreamEvent[] {
    if (this.done) return [];
    return [...(this.started ? [] : this.start()), ...this.closeItems(), ...this.finish()];
  }

  onError(status: number, error: unknown): ResponsesStreamEvent[] {
    if (this.done) return [];
    const out = this.started ? [] : this.start();
    this.done = true;
    const response = this.snapshot({ status: 'failed', error: responsesStreamErrorDetail(status, error) });
    out.push(this.event('response.failed', { response }));
    return out;
  }

  private start(): ResponsesStreamEvent[] {
    this.started = true;
    return [
      this.event('response.created', { response: this.snapshot({ status: 'in_progress' }) }),
      this.event('response.in_progress', { response: this.snapshot({ status: 'in_progress' }) }),
    ];
  }

  private snapshot(fields: { status: 'in_progress' | 'completed' | 'incomplete' | 'failed'; incompleteDetails?: { reason: string } | null; error?: { code: string; message: string } }): Json {
    const final = fields.status !== 'in_progress';
    return responseObject(this.ctx.request, {
      id: this.ctx.responseId,
      createdAt: this.ctx.createdAt,
      model: this.ctx.model,
      output: final ? [...this.output] : [],
      usage: final ? responsesUsage(this.usage) : null,
      ...fields,
    });
  }

  private messageText(kind: PartKind, text: string): ResponsesStreamEvent[] {
    const out: ResponsesStreamEvent[] = [];
    if (this.open?.kind !== 'message') {
      out.push(...this.closeOpen());
      const message: MessageState = { outputIndex: this.output.length, id: itemId('msg_', this.ctx.responseId, this.output.length), parts: [] };
      this.open = { kind: 'message', message };
      const item = { id: message.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' };
      this.output.push(item);
      out.push(this.event('response.output_item.added', { output_index: message.outputIndex, item }));
    }
    const message = this.open.message;
    let part = message.parts[message.parts.length - 1];
    if (part?.kind !== kind) {
      if (part) out.push(...this.closePart(message, message.parts.length - 1));
      part = { kind, text: '' };
      message.parts.push(part);
      out.push(this.event('response.content_part.added', { ...this.partAddress(message, message.parts.length - 1), part: partObject(kind, '') }));
    }
    part.text += text;
    const address = this.partAddress(message, message.parts.length - 1);
    out.push(
      kind === 'output_text'
        ? this.event('response.output_text.delta', { ...address, delta: text, logprobs: [] })
        : this.event('response.refusal.delta', { ...address, delta: text }),
    );
    return out;
  }

  private partAddress(message: MessageState, contentIndex: number): Json {
    return { item_id: message.id, output_index: message.outputIndex, content_index: contentIndex };
  }

  private closePart(message: MessageState, contentIndex: number): ResponsesStreamEvent[] {
    const { kind, text } = message.parts[contentIndex];
    const address = this.partAddress(message, contentIndex);
    return [
      kind === 'output_text'
        ? this.event('response.output_text.done', { ...address, text, logprobs: [] })
        : this.event('response.refusal.done', { ...address, refusal: text }),
      this.event('response.content_part.done', { ...address, part: partObject(kind, text) }),
    ];
  }

  private callFragment(call: ChatToolCallDelta): ResponsesStreamEvent[] {
    const key = this.callKey(call);
    let state = this.calls.get(key);
    if (!state) {
      state = { args: '', closed: false };
      this.calls.set(key, state);
    }
    this.lastCallKey = key;
    if (!state.callId && call.id) state.callId = call.id;
    if (!state.name && call.function?.name) state.name = call.function.name;
    const args = typeof call.function?.arguments === 'string' ? call.function.arguments : '';
    state.args += args;

    // A function_call item starts with its name; fragments before the name are held back.
    if (state.outputIndex === undefined) return state.name ? this.openCall(key, state) : [];
    if (!args) return [];
    if (state.closed) this.output[state.outputIndex] = callItem(this.callItemId(state), state, this.output[state.outputIndex].status as 'completed' | 'incomplete');
    return [this.event('response.function_call_arguments.delta', { item_id: this.callItemId(state), output_index: state.outputIndex, delta: args })];
  }

  /** OpenAI numbers calls with `index`; providers that omit it send one call per id. */
  private callKey(call: ChatToolCallDelta): number {
    if (typeof call.index === 'number') return call.index;
    if (call.id && ![...this.calls.values()].some((c) => c.callId === call.id)) return this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
    return this.lastCallKey ?? 0;
  }

  private callItemId(state: CallState): string {
    return itemId('fc_', this.ctx.responseId, state.outputIndex ?? this.output.length);
  }

  private openCall(key: number, state: CallState): ResponsesStreamEvent[] {
    const out = this.closeOpen();
    state.outputIndex = this.output.length;
    state.callId ??= randomId('call_');
    const item = callItem(this.callItemId(state), { ...state, args: '' }, 'in_progress');
    this.output.push(item);
    this.open = { kind: 'call', key };
    out.push(this.event('response.output_item.added', { output_index: state.outputIndex, item }));
    if (state.args) out.push(this.event('response.function_call_arguments.delta', { item_id: item.id, output_index: state.outputIndex, delta: state.args }));
    return out;
  }

  /**
   * Closes the open item. `last`: it is the final item of the response, so a cut response
   * (max_output_tokens, content filter) leaves it `incomplete`; items closed earlier were finished.
   */
  private closeOpen(last = false): ResponsesStreamEvent[] {
    const open = this.open;
    this.open = undefined;
    if (!open) return [];
    const status = last && completionStatus(this.finishReason).status === 'incomplete' ? 'incomplete' : 'completed';
    if (open.kind === 'message') {
      const { message } = open;
      const out = message.parts.length > 0 ? this.closePart(message, message.parts.length - 1) : [];
      const item = {
        id: message.id,
        type: 'message',
        status,
        content: message.parts.map((p) => partObject(p.kind, p.text)),
        role: 'assistant',
      };
      this.output[message.outputIndex] = item;
      out.push(this.event('response.output_item.done', { output_index: message.outputIndex, item }));
      return out;
    }
    const state = this.calls.get(open.key);
    if (!state || state.outputIndex === undefined || state.closed) return [];
    state.closed = true;
    const item = callItem(this.callItemId(state), state, status);
    this.output[state.outputIndex] = item;
    return [
      this.event('response.function_call_arguments.done', { item_id: item.id, output_index: state.outputIndex, name: item.name, arguments: state.args }),
      this.event('response.output_item.done', { output_index: state.outputIndex, item }),
    ];
  }

  /** Opens any call whose name never arrived (each opening closes the item before), then closes the last. */
  private closeItems(): ResponsesStreamEvent[] {
    const out: ResponsesStreamEvent[] = [];
    for (const [key, state] of this.calls) {
      if (state.outputIndex === undefined) out.push(...this.openCall(key, state));
    }
    return [...out, ...this.closeOpen(true)];
  }

  private finish(): ResponsesStreamEvent[] {
    this.done = true;
    const { status, incompleteDetails } = completionStatus(this.finishReason);
    const response = this.snapshot({ status, incompleteDetails });
    return [this.event(status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response })];
  }

  private event(type: string, fields: Json): ResponsesStreamEvent {
    return { event: type, data: { type, sequence_number: this.sequence++, ...fields } };
  }
}

function partObject(kind: PartKind, text: string): Json {
  return kind === 'output_text' ? outputTextPart(text) : { type: 'refusal', refusal: text };
}

function callItem(id: string, state: CallState, status: 'in_progress' | 'completed' | 'incomplete'): Json & { id: string; name: string } {
  return { id, type: 'function_call', status, arguments: state.args, call_id: state.callId ?? '', name: state.name ?? '' };
}
