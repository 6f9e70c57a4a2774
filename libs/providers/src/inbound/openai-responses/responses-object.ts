import type { Json } from '../../core/types.js';
import type { ChatUsage } from '../shared/chat.types.js';
import { asRecord, count } from '../shared/json.js';

/**
 * The Response object both the JSON answer and the stream's lifecycle events carry. Besides the
 * output, the API echoes the request's settings; unset ones are echoed as null (or the API's
 * documented default) rather than guessed, since the chat provider's defaults are unknown.
 * `output_text` is left out: it is a convenience the OpenAI SDKs compute client-side, not a wire
 * field. `store` is always false: nothing is stored.
 */
export interface ResponseState {
  id: string;
  createdAt: number;
  model: string;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: Json[];
  usage: Json | null;
  incompleteDetails?: { reason: string } | null;
  error?: { code: string; message: string } | null;
}

export function responseObject(request: Json, state: ResponseState): Json {
  const reasoning = asRecord(request.reasoning);
  const text = asRecord(request.text);
  return {
    id: state.id,
    object: 'response',
    created_at: state.createdAt,
    status: state.status,
    background: false,
    error: state.error ?? null,
    incomplete_details: state.incompleteDetails ?? null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    max_tool_calls: request.max_tool_calls ?? null,
    model: state.model,
    output: state.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    store: false,
    temperature: request.temperature ?? null,
    text: { format: text.format ?? { type: 'text' }, ...(text.verbosity ? { verbosity: text.verbosity } : {}) },
    tool_choice: request.tool_choice ?? 'auto',
    tools: Array.isArray(request.tools) ? request.tools : [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? 'disabled',
    usage: state.usage,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/**
 * OpenAI chat usage → Responses usage. Both count the whole prompt in the input figure, cached
 * part included, so the numbers carry over; cache writes come from the extra field the gateway's
 * Anthropic-family adapters add.
 */
export function responsesUsage(usage: ChatUsage | null | undefined): Json | null {
  if (!usage) return null;
  const input = count(usage.prompt_tokens);
  const output = count(usage.completion_tokens);
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: count(usage.prompt_tokens_details?.cached_tokens),
      // Newer SDKs type this field; the API sends it only where caching is explicit, so only when known.
      ...(count(usage.cache_creation_input_tokens) > 0 ? { cache_write_tokens: count(usage.cache_creation_input_tokens) } : {}),
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: count(usage.completion_tokens_details?.reasoning_tokens) },
    total_tokens: usage.total_tokens ?? input + output,
  };
}

/** `length` and `content_filter` end a response early: `incomplete`, with the reason. */
export function completionStatus(finishReason: string | null | undefined): Pick<ResponseState, 'status' | 'incompleteDetails'> {
  if (finishReason === 'length') return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter') return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };
  return { status: 'completed', incompleteDetails: null };
}

/** An `output_text` content part; the API sends `logprobs: []` when they were not requested. */
export function outputTextPart(text: string): Json {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

/** Output item ids, derived from the response id and the item's place in `output`. */
export function itemId(prefix: 'msg_' | 'fc_', responseId: string, outputIndex: number): string {
  return `${prefix}${responseId.replace(/^resp_/, '')}_${outputIndex}`;
}
