import {
  argsFromSchema,
  callTokens,
  countTokens,
  DEFAULT_DIMENSIONS,
  embeddingFor,
  isObject,
  pickCalls,
  replyText,
  splitText,
  textOf,
  truncateTokens,
} from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import type { RequestContext } from '../types.js';

/**
 * Ollama's native API: `/api/chat` (streams NDJSON by default; `stream: false` for one JSON
 * object) and `/api/embed`. No auth. Errors are `{"error": "…"}`.
 */

type Json = Record<string, any>;

const NDJSON = 'application/x-ndjson';
// Durations are nanoseconds in Ollama's stats; fixed values keep replies deterministic.
const STATS = { total_duration: 5_000_000, load_duration: 1_000_000, prompt_eval_duration: 1_000_000, eval_duration: 2_000_000 };

export function ollamaError(status: number, message?: string): Json {
  return { error: message ?? (status === 404 ? 'model not found, try pulling it first' : `mock ollama error ${status}`) };
}

export function handleOllama(ctx: RequestContext): void {
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 400, ollamaError(400, 'invalid JSON body'));
  const body = ctx.body;
  if (typeof body.model !== 'string' || body.model === '') return sendBody(ctx, 400, ollamaError(400, 'model is required'));
  if (ctx.route.endpoint === 'embed') return embed(ctx, body);
  chat(ctx, body);
}

function embed(ctx: RequestContext, body: Json): void {
  const input = body.input;
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((t) => typeof t === 'string') ? (input as string[]) : undefined;
  if (!texts) return sendBody(ctx, 400, ollamaError(400, 'invalid input type'));
  const dims = Number.isInteger(body.dimensions) && body.dimensions > 0 ? body.dimensions : DEFAULT_DIMENSIONS;
  const tokens = texts.reduce((n, t) => n + countTokens(t), 0);
  sendBody(ctx, 200, {
    model: body.model,
    embeddings: texts.map((t) => embeddingFor(t, dims)),
    total_duration: STATS.total_duration,
    load_duration: STATS.load_duration,
    prompt_eval_count: tokens,
  });
}

function chat(ctx: RequestContext, body: Json): void {
  if (!Array.isArray(body.messages)) return sendBody(ctx, 400, ollamaError(400, 'messages is required'));
  const messages: unknown[] = body.messages;
  let promptTokens = 0;
  for (const m of messages) if (isObject(m)) promptTokens += countTokens(textOf(m.content));
  const last = messages[messages.length - 1];
  const afterTool = isObject(last) && last.role === 'tool';
  let received = afterTool ? textOf((last as Json).content) : '';
  if (!afterTool) {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (isObject(m) && m.role === 'user') {
        received = textOf(m.content);
        break;
      }
    }
  }
  const tools = !afterTool && Array.isArray(body.tools) ? body.tools.filter((t: unknown) => isObject(t) && isObject(t.function) && typeof t.function.name === 'string') : [];
  const calls = pickCalls(tools, true).map((t: Json) => ({ name: t.function.name as string, args: JSON.stringify(argsFromSchema(t.function.parameters)) }));
  let text = '';
  let doneReason = 'stop';
  let evalCount = 0;
  if (calls.length) evalCount = calls.reduce((n, c) => n + callTokens(c), 0);
  else {
    text = replyText('ollama', received);
    const max = isObject(body.options) ? body.options.num_predict : undefined;
    if (typeof max === 'number' && max >= 0 && countTokens(text) > max) {
      text = truncateTokens(text, max);
      doneReason = 'length';
    }
    evalCount = countTokens(text);
  }
  const toolCalls = calls.map((c) => ({ function: { name: c.name, arguments: JSON.parse(c.args) as Json } }));
  const createdAt = new Date().toISOString();
  const final = { done_reason: doneReason, done: true, ...STATS, prompt_eval_count: promptTokens, eval_count: evalCount };

  if (body.stream === false) {
    const message: Json = { role: 'assistant', content: text };
    if (toolCalls.length) message.tool_calls = toolCalls;
    return sendBody(ctx, 200, { model: ctx.model, created_at: createdAt, message, ...final });
  }
  const line = (o: Json): string => `${JSON.stringify(o)}\n`;
  const frames = toolCalls.length
    ? [line({ model: ctx.model, created_at: createdAt, message: { role: 'assistant', content: '', tool_calls: toolCalls }, done: false })]
    : splitText(text).map((piece) => line({ model: ctx.model, created_at: createdAt, message: { role: 'assistant', content: piece }, done: false }));
  frames.push(line({ model: ctx.model, created_at: createdAt, message: { role: 'assistant', content: '' }, ...final }));
  sendStream(ctx, frames, {
    contentType: NDJSON,
    errorFrame: () => line(ctx.step?.body !== undefined ? (ctx.step.body as Json) : ollamaError(500, 'an error was encountered while running the model')),
  });
}

export const ollamaFlavour = { handle: handleOllama, errorBody: (status: number) => ollamaError(status) };
