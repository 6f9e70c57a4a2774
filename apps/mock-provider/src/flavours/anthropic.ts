import type { OutgoingHttpHeaders } from 'node:http';
import {
  argsFromSchema,
  callTokens,
  countTokens,
  isObject,
  newId,
  pickCalls,
  replyText,
  splitJson,
  splitText,
  textOf,
  truncateTokens,
  type PlannedCall,
} from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { eventFrame } from '../sse.js';
import type { RequestContext } from '../types.js';

/**
 * Anthropic Messages API: `x-api-key` + `anthropic-version` headers, content blocks, and the
 * named-event SSE grammar (message_start, content_block_start/delta/stop, message_delta,
 * message_stop, with a ping after the first block starts, as the documented example shows).
 */

type Json = Record<string, any>;

const ERROR_TYPES: Record<number, [type: string, message: string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of requests has exceeded your rate limit. Please try again later.'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

/** Anthropic's error envelope: `{"type":"error","error":{"type","message"}}`. */
export function anthropicError(status: number, message?: string): Json {
  const d = ERROR_TYPES[status] ?? (status >= 500 ? ['api_error', 'Internal server error'] : ['invalid_request_error', `Error ${status}.`]);
  return { type: 'error', error: { type: d[0], message: message ?? d[1] } };
}

const STREAM_ERROR = eventFrame('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });

function invalid(message: string): Json {
  return anthropicError(400, message);
}

export function handleAnthropic(ctx: RequestContext): void {
  const h = ctx.req.headers;
  const headers: OutgoingHttpHeaders = { 'request-id': newId('req_') };
  if (typeof h['x-api-key'] !== 'string' || h['x-api-key'] === '') {
    return sendBody(ctx, 401, anthropicError(401, 'x-api-key header is required'), headers);
  }
  if (typeof h['anthropic-version'] !== 'string' || h['anthropic-version'] === '') {
    return sendBody(ctx, 400, invalid('anthropic-version: header is required'), headers);
  }
  if (ctx.route.endpoint === 'models') {
    // GET /v1/models, one page: https://docs.anthropic.com/en/api/models-list
    const data = [
      { type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
      { type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
    ];
    return sendBody(ctx, 200, { data, has_more: false, first_id: data[0]!.id, last_id: data.at(-1)!.id }, headers);
  }
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 400, invalid('There was an error parsing the body of your request.'), headers);
  const body = ctx.body;
  if (typeof body.model !== 'string') return sendBody(ctx, 400, invalid('model: Field required'), headers);
  if (ctx.route.endpoint === 'complete') return complete(ctx, body, headers);
  serveMessages(ctx, body, headers, { label: 'anthropic', stream: body.stream === true });
}

export interface MessagesOptions {
  /** Names the provider in the reply text (`anthropic`, `vertex`, `bedrock`). */
  label: string;
  stream: boolean;
}

/**
 * The Messages API once auth and the model are settled; also what Vertex `rawPredict` and
 * Bedrock `invoke` serve for Claude (their bodies carry `anthropic_version`, not `model`).
 */
export function serveMessages(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders, opts: MessagesOptions): void {
  if (!Array.isArray(body.messages)) return sendBody(ctx, 400, invalid('messages: Field required'), headers);

  const inputTokens = countInput(body);
  if (ctx.route.endpoint === 'count_tokens') return sendBody(ctx, 200, { input_tokens: inputTokens }, headers);
  if (typeof body.max_tokens !== 'number') return sendBody(ctx, 400, invalid('max_tokens: Field required'), headers);

  const input = lastInput(body.messages);
  const calls = input.afterTool ? [] : plannedCalls(body);
  let text = replyText(opts.label, input.text);
  let stopReason = 'end_turn';
  if (calls.length) stopReason = 'tool_use';
  else if (countTokens(text) > body.max_tokens) {
    text = truncateTokens(text, body.max_tokens);
    stopReason = 'max_tokens';
  }
  let outputTokens = countTokens(text);
  for (const c of calls) outputTokens += callTokens(c);
  const toolBlocks = calls.map((c) => ({ type: 'tool_use', id: newId('toolu_'), name: c.name, input: JSON.parse(c.args) as Json }));
  const id = newId('msg_');
  const model = ctx.model;

  if (!opts.stream) {
    sendBody(
      ctx,
      200,
      {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text }, ...toolBlocks],
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens },
      },
      headers,
    );
    return;
  }

  const frames: string[] = [
    eventFrame('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
      },
    }),
    eventFrame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    PING,
  ];
  for (const piece of splitText(text)) {
    frames.push(eventFrame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }));
  }
  frames.push(eventFrame('content_block_stop', { type: 'content_block_stop', index: 0 }));
  toolBlocks.forEach((block, i) => {
    const index = i + 1;
    frames.push(eventFrame('content_block_start', { type: 'content_block_start', index, content_block: { ...block, input: {} } }));
    for (const frag of splitJson(calls[i]!.args)) {
      frames.push(eventFrame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: frag } }));
    }
    frames.push(eventFrame('content_block_stop', { type: 'content_block_stop', index }));
  });
  frames.push(
    eventFrame('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } }),
    MESSAGE_STOP,
  );
  sendStream(ctx, frames, {
    headers,
    errorFrame: () => (ctx.step?.body !== undefined ? eventFrame('error', ctx.step.body) : STREAM_ERROR),
  });
}

const PING = eventFrame('ping', { type: 'ping' });

/**
 * Legacy Text Completions (`/v1/complete`): a `\n\nHuman: … \n\nAssistant:` prompt in, a flat
 * `completion` string out; streams are `event: completion` frames with a ping after the first.
 */
function complete(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (typeof body.prompt !== 'string') return sendBody(ctx, 400, invalid('prompt: Field required'), headers);
  if (typeof body.max_tokens_to_sample !== 'number') return sendBody(ctx, 400, invalid('max_tokens_to_sample: Field required'), headers);
  const human = body.prompt.split('\n\nHuman:').pop()!.split('\n\nAssistant:')[0]!.trim();
  let text = replyText('anthropic', human);
  let stopReason = 'stop_sequence';
  if (countTokens(text) > body.max_tokens_to_sample) {
    text = truncateTokens(text, body.max_tokens_to_sample);
    stopReason = 'max_tokens';
  }
  const id = newId('compl_');
  const model = ctx.model;
  if (body.stream !== true) {
    return sendBody(ctx, 200, { type: 'completion', id, completion: text, stop_reason: stopReason, model }, headers);
  }
  const frames = splitText(text).map((piece) => eventFrame('completion', { type: 'completion', id, completion: piece, stop_reason: null, model }));
  frames.splice(1, 0, PING);
  frames.push(eventFrame('completion', { type: 'completion', id, completion: '', stop_reason: stopReason, model }));
  sendStream(ctx, frames, {
    headers,
    errorFrame: () => (ctx.step?.body !== undefined ? eventFrame('error', ctx.step.body) : STREAM_ERROR),
  });
}
const MESSAGE_STOP = eventFrame('message_stop', { type: 'message_stop' });

function blockText(content: unknown): string {
  if (!Array.isArray(content)) return textOf(content);
  const parts: string[] = [];
  for (const b of content) {
    if (!isObject(b)) continue;
    if (typeof b.text === 'string') parts.push(b.text);
    else if (b.type === 'tool_result') parts.push(textOf(b.content));
  }
  return parts.join(' ');
}

function countInput(body: Json): number {
  let n = countTokens(blockText(body.system));
  for (const m of body.messages as unknown[]) if (isObject(m)) n += countTokens(blockText(m.content));
  return n;
}

/** Echo the last user text, or the tool result when the user turn carries one. */
function lastInput(messages: unknown[]): { text: string; afterTool: boolean } {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isObject(m) || m.role !== 'user') continue;
    if (Array.isArray(m.content)) {
      const results = m.content.filter((b: unknown) => isObject(b) && b.type === 'tool_result');
      if (results.length) return { text: textOf(results[results.length - 1].content), afterTool: true };
    }
    return { text: blockText(m.content), afterTool: false };
  }
  return { text: '', afterTool: false };
}

function plannedCalls(body: Json): PlannedCall[] {
  if (!Array.isArray(body.tools)) return [];
  const choice = isObject(body.tool_choice) ? body.tool_choice : {};
  if (choice.type === 'none') return [];
  let tools = body.tools.filter((t: unknown) => isObject(t) && typeof t.name === 'string');
  if (choice.type === 'tool' && typeof choice.name === 'string') tools = tools.filter((t: Json) => t.name === choice.name);
  return pickCalls(tools, choice.disable_parallel_tool_use !== true).map((t: Json) => ({
    name: t.name,
    args: JSON.stringify(argsFromSchema(t.input_schema)),
  }));
}

export const anthropicFlavour = { handle: handleAnthropic, errorBody: (status: number) => anthropicError(status) };
