import type { OutgoingHttpHeaders } from 'node:http';
import { eventMessage, exceptionMessage } from '../binary/eventstream.js';
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
  truncateTokens,
  type PlannedCall,
} from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import type { RequestContext } from '../types.js';
import { bedrockError, bedrockErrorHeaders, bedrockHeaders, hasAwsAuth, validation } from './bedrock-common.js';
import { invoke } from './bedrock-invoke.js';

/**
 * AWS Bedrock runtime: Converse (JSON), ConverseStream (binary `application/vnd.amazon.eventstream`
 * frames: messageStart, contentBlockStart/Delta/Stop, messageStop, metadata) and InvokeModel
 * (bedrock-invoke.ts). The model is the path's `/model/{modelId}/…` segment.
 */

type Json = Record<string, any>;

const EVENT_STREAM = 'application/vnd.amazon.eventstream';
/** Bedrock pads every event with a `p` field so payload sizes do not leak content lengths. */
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LATENCY_MS = 42;

export function handleBedrock(ctx: RequestContext): void {
  if (!hasAwsAuth(ctx.req.headers.authorization)) {
    return sendBody(ctx, 403, { message: 'Missing Authentication Token' }, bedrockErrorHeaders(403, 'MissingAuthenticationTokenException'));
  }
  if (ctx.badJson || !isObject(ctx.body)) return validation(ctx, 'Malformed input request, please reformat your input and try again.');
  if (ctx.route.endpoint === 'invoke') return invoke(ctx, ctx.body);
  converse(ctx, ctx.body);
}

/** Text of Converse content blocks (text, and tool results' text or JSON). */
function blocksText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  const out: string[] = [];
  for (const b of content) {
    if (!isObject(b)) continue;
    if (typeof b.text === 'string') out.push(b.text);
    else if (isObject(b.toolResult)) out.push(toolResultText(b.toolResult));
  }
  return out.join(' ');
}

function toolResultText(result: Json): string {
  if (!Array.isArray(result.content)) return '';
  return result.content.map((c: unknown) => (isObject(c) ? (typeof c.text === 'string' ? c.text : JSON.stringify(c.json ?? {})) : '')).join(' ');
}

function lastInput(messages: unknown[]): { text: string; afterTool: boolean } {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isObject(m) || m.role !== 'user') continue;
    const results = Array.isArray(m.content) ? m.content.filter((b: unknown) => isObject(b) && isObject(b.toolResult)) : [];
    if (results.length) return { text: toolResultText(results[results.length - 1].toolResult), afterTool: true };
    return { text: blocksText(m.content), afterTool: false };
  }
  return { text: '', afterTool: false };
}

function plannedCalls(toolConfig: unknown): PlannedCall[] {
  if (!isObject(toolConfig) || !Array.isArray(toolConfig.tools)) return [];
  let specs: Json[] = toolConfig.tools.map((t: unknown) => (isObject(t) ? t.toolSpec : undefined)).filter((s: unknown) => isObject(s) && typeof s.name === 'string');
  const forced = isObject(toolConfig.toolChoice) && isObject(toolConfig.toolChoice.tool) ? toolConfig.toolChoice.tool.name : undefined;
  if (typeof forced === 'string') specs = specs.filter((s) => s.name === forced);
  return pickCalls(specs, true).map((s) => ({ name: s.name, args: JSON.stringify(argsFromSchema(isObject(s.inputSchema) ? s.inputSchema.json : undefined)) }));
}

function converse(ctx: RequestContext, body: Json): void {
  if (!Array.isArray(body.messages)) {
    return validation(ctx, "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null");
  }
  let inputTokens = 0;
  if (Array.isArray(body.system)) inputTokens += countTokens(blocksText(body.system));
  for (const m of body.messages) if (isObject(m)) inputTokens += countTokens(blocksText(m.content));
  const input = lastInput(body.messages);
  const calls = input.afterTool ? [] : plannedCalls(body.toolConfig);
  let text = '';
  let stopReason = 'tool_use';
  let outputTokens = 0;
  if (calls.length) outputTokens = calls.reduce((n, c) => n + callTokens(c), 0);
  else {
    text = replyText('bedrock', input.text);
    stopReason = 'end_turn';
    const max = isObject(body.inferenceConfig) ? body.inferenceConfig.maxTokens : undefined;
    if (typeof max === 'number' && countTokens(text) > max) {
      text = truncateTokens(text, max);
      stopReason = 'max_tokens';
    }
    outputTokens = countTokens(text);
  }
  const toolUses = calls.map((c) => ({ toolUseId: newId('tooluse_'), name: c.name, input: JSON.parse(c.args) as Json, args: c.args }));
  const usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  const metrics = { latencyMs: LATENCY_MS };
  const headers = bedrockHeaders();

  if (ctx.route.endpoint === 'converse') {
    const content = calls.length ? toolUses.map(({ toolUseId, name, input: args }) => ({ toolUse: { toolUseId, name, input: args } })) : [{ text }];
    return sendBody(ctx, 200, { output: { message: { role: 'assistant', content } }, stopReason, usage, metrics }, headers);
  }

  let n = 0;
  const ev = (type: string, payload: Json): Buffer => eventMessage(type, { ...payload, p: PADDING.slice(0, 8 + (n++ % 40)) });
  const frames: Buffer[] = [ev('messageStart', { role: 'assistant' })];
  if (calls.length === 0) {
    for (const piece of splitText(text)) frames.push(ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: piece } }));
    frames.push(ev('contentBlockStop', { contentBlockIndex: 0 }));
  }
  toolUses.forEach((t, contentBlockIndex) => {
    frames.push(ev('contentBlockStart', { contentBlockIndex, start: { toolUse: { toolUseId: t.toolUseId, name: t.name } } }));
    for (const frag of splitJson(t.args)) frames.push(ev('contentBlockDelta', { contentBlockIndex, delta: { toolUse: { input: frag } } }));
    frames.push(ev('contentBlockStop', { contentBlockIndex }));
  });
  frames.push(ev('messageStop', { stopReason }), ev('metadata', { usage, metrics }));
  sendStream(ctx, frames, { contentType: EVENT_STREAM, headers, errorFrame: () => streamException(ctx) });
}

/**
 * The in-stream failure: an `exception` message. Its type is `throttlingException` unless the
 * scripted body names one in `__type` (AWS's own JSON error field), e.g.
 * `{"__type":"modelStreamErrorException","message":"…"}`.
 */
function streamException(ctx: RequestContext): Buffer {
  const body = ctx.step?.body;
  if (body === undefined) return exceptionMessage('throttlingException', { message: 'Too many requests, please wait before trying again.' });
  const type = isObject(body) && typeof body.__type === 'string' ? body.__type : 'throttlingException';
  return exceptionMessage(type, body);
}

export const bedrockFlavour = {
  handle: handleBedrock,
  errorBody: (status: number) => bedrockError(status),
  errorHeaders: (status: number): OutgoingHttpHeaders => bedrockErrorHeaders(status),
};
