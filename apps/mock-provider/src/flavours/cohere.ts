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
  truncateTokens,
  type PlannedCall,
} from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { eventFrame } from '../sse.js';
import type { RequestContext } from '../types.js';
import { cohereError, cohereUsage } from './cohere-common.js';
import { cohereEmbed, cohereGenerate, cohereRerank } from './cohere-extras.js';
import { hasBearer } from './openai-common.js';

/**
 * Cohere v2: `/v2/chat` (JSON, or SSE with named events message-start, content-start/-delta/-end,
 * tool-plan-delta, tool-call-start/-delta/-end, message-end carrying finish_reason and usage),
 * plus embed, rerank and the legacy `/v1/generate` in cohere-extras.ts. Bearer auth; errors are
 * `{"id","message"}`.
 */

type Json = Record<string, any>;

export function handleCohere(ctx: RequestContext): void {
  const headers: OutgoingHttpHeaders = { 'x-request-id': newId('') };
  if (!hasBearer(ctx.req.headers.authorization)) return sendBody(ctx, 401, cohereError(401, 'no api key supplied'), headers);
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 400, cohereError(400, 'invalid request: body must be a JSON object'), headers);
  const body = ctx.body;
  if (typeof body.model !== 'string') return sendBody(ctx, 400, cohereError(400, 'invalid request: model must be specified'), headers);
  switch (ctx.route.endpoint) {
    case 'embed':
      return cohereEmbed(ctx, body, headers);
    case 'rerank':
      return cohereRerank(ctx, body, headers);
    case 'generate':
      return cohereGenerate(ctx, body, headers);
    default:
      return chat(ctx, body, headers);
  }
}

/** Text of a v2 content value: a string, text parts, or tool-result documents' `data`. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const out: string[] = [];
  for (const p of content) {
    if (typeof p === 'string') out.push(p);
    else if (isObject(p) && typeof p.text === 'string') out.push(p.text);
    else if (isObject(p) && isObject(p.document)) out.push(typeof p.document.data === 'string' ? p.document.data : JSON.stringify(p.document.data));
  }
  return out.join(' ');
}

function lastInput(messages: unknown[]): { text: string; afterTool: boolean } {
  const last = messages[messages.length - 1];
  if (isObject(last) && last.role === 'tool') return { text: contentText(last.content), afterTool: true };
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === 'user') return { text: contentText(m.content), afterTool: false };
  }
  return { text: '', afterTool: false };
}

function plannedCalls(body: Json): PlannedCall[] {
  if (!Array.isArray(body.tools) || body.tool_choice === 'NONE') return [];
  const tools = body.tools.filter((t: unknown) => isObject(t) && isObject(t.function) && typeof t.function.name === 'string');
  return pickCalls(tools, true).map((t: Json) => ({ name: t.function.name, args: JSON.stringify(argsFromSchema(t.function.parameters)) }));
}

function chat(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (!Array.isArray(body.messages)) return sendBody(ctx, 400, cohereError(400, 'invalid request: messages must be specified'), headers);
  let inputTokens = 0;
  for (const m of body.messages) if (isObject(m)) inputTokens += countTokens(contentText(m.content));
  const input = lastInput(body.messages);
  const calls = input.afterTool ? [] : plannedCalls(body);
  let text = '';
  let finish = 'TOOL_CALL';
  let outputTokens = 0;
  const toolPlan = calls.length ? `I will call ${calls.map((c) => c.name).join(' and ')}.` : '';
  if (calls.length) {
    outputTokens = countTokens(toolPlan) + calls.reduce((n, c) => n + callTokens(c), 0);
  } else {
    text = replyText('cohere', input.text);
    finish = 'COMPLETE';
    if (typeof body.max_tokens === 'number' && countTokens(text) > body.max_tokens) {
      text = truncateTokens(text, body.max_tokens);
      finish = 'MAX_TOKENS';
    }
    outputTokens = countTokens(text);
  }
  const toolCalls = calls.map((c) => ({ id: `${c.name}_${newId('')}`, type: 'function', function: { name: c.name, arguments: c.args } }));
  const usage = cohereUsage(inputTokens, outputTokens);
  const id = newId('');

  if (body.stream !== true) {
    const message: Json = calls.length ? { role: 'assistant', tool_plan: toolPlan, tool_calls: toolCalls } : { role: 'assistant', content: [{ type: 'text', text }] };
    return sendBody(ctx, 200, { id, finish_reason: finish, message, usage }, headers);
  }

  const ev = (payload: Json): string => eventFrame(payload.type, payload);
  const frames = [ev({ id, type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } })];
  if (calls.length) {
    for (const piece of splitText(toolPlan)) frames.push(ev({ type: 'tool-plan-delta', delta: { message: { tool_plan: piece } } }));
    toolCalls.forEach((tc, index) => {
      frames.push(ev({ type: 'tool-call-start', index, delta: { message: { tool_calls: { ...tc, function: { name: tc.function.name, arguments: '' } } } } }));
      for (const frag of splitJson(tc.function.arguments)) {
        frames.push(ev({ type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: frag } } } } }));
      }
      frames.push(ev({ type: 'tool-call-end', index }));
    });
  } else {
    frames.push(ev({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } }));
    for (const piece of splitText(text)) frames.push(ev({ type: 'content-delta', index: 0, delta: { message: { content: { text: piece } } } }));
    frames.push(ev({ type: 'content-end', index: 0 }));
  }
  frames.push(ev({ type: 'message-end', delta: { finish_reason: finish, usage } }));
  // Cohere reports a failure mid-stream as a message-end whose delta carries `error`.
  const errorFrame = (): string =>
    ctx.step?.body !== undefined
      ? eventFrame('message-end', ctx.step.body)
      : ev({ type: 'message-end', delta: { error: 'internal server error, this has been reported to our developers.', finish_reason: 'ERROR', usage: cohereUsage(inputTokens, 0) } });
  sendStream(ctx, frames, { headers, errorFrame });
}

export const cohereFlavour = { handle: handleCohere, errorBody: (status: number) => cohereError(status) };
