import { countTokens, DEFAULT_DIMENSIONS, embeddingFor, isObject, replyText, splitText, textOf, truncateTokens } from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { dataFrame, DONE_FRAME } from '../sse.js';
import type { RequestContext } from '../types.js';
import { hasBearer } from './openai-common.js';
import { serveOpenAIEndpoint } from './openai.js';

/**
 * Cloudflare Workers AI under `/client/v4/accounts/{id}/ai/`: the OpenAI-compatible `v1/chat/
 * completions` and `v1/embeddings` (OpenAI bodies, reply text `workers-ai`), and the native
 * `run/{model}` wrapped in Cloudflare's `{result, success, errors, messages}` envelope (SSE
 * `data: {"response":…}` then `[DONE]` when streaming; `bge` embedding models answer
 * `{shape, data}`). Errors use the same envelope.
 */

type Json = Record<string, any>;

export function cloudflareError(status: number, message?: string): Json {
  const code = status === 401 || status === 403 ? 10000 : status === 429 ? 3040 : status >= 500 ? 3043 : 5006;
  return { result: null, success: false, errors: [{ code, message: message ?? (code === 10000 ? 'Authentication error' : `Mock Workers AI error ${status}.`) }], messages: [] };
}

function envelope(result: Json): Json {
  return { result, success: true, errors: [], messages: [] };
}

export function handleWorkersAi(ctx: RequestContext): void {
  if (!hasBearer(ctx.req.headers.authorization)) return sendBody(ctx, 401, cloudflareError(401));
  if (ctx.route.endpoint !== 'run') return serveOpenAIEndpoint(ctx, 'workers-ai');
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 400, cloudflareError(400, 'Request body must be a JSON object.'));
  const body = ctx.body;
  if (ctx.model.includes('/bge-') || body.text !== undefined) {
    const texts = typeof body.text === 'string' ? [body.text] : Array.isArray(body.text) ? body.text.map(String) : [];
    return sendBody(ctx, 200, envelope({ shape: [texts.length, DEFAULT_DIMENSIONS], data: texts.map((t: string) => embeddingFor(t, DEFAULT_DIMENSIONS)), pooling: 'mean' }));
  }
  let received = typeof body.prompt === 'string' ? body.prompt : '';
  let promptTokens = countTokens(received);
  if (Array.isArray(body.messages)) {
    promptTokens = 0;
    for (const m of body.messages) if (isObject(m)) promptTokens += countTokens(textOf(m.content));
    const user = [...body.messages].reverse().find((m: unknown) => isObject(m) && m.role === 'user');
    received = isObject(user) ? textOf(user.content) : '';
  }
  let text = replyText('workers-ai', received);
  if (typeof body.max_tokens === 'number' && countTokens(text) > body.max_tokens) text = truncateTokens(text, body.max_tokens);
  const usage = { prompt_tokens: promptTokens, completion_tokens: countTokens(text), total_tokens: promptTokens + countTokens(text) };
  if (body.stream !== true) return sendBody(ctx, 200, envelope({ response: text, tool_calls: [], usage }));
  const frames = splitText(text).map((response) => dataFrame({ response }));
  frames.push(dataFrame({ response: '', usage }), DONE_FRAME);
  sendStream(ctx, frames, { errorFrame: () => dataFrame(ctx.step?.body !== undefined ? ctx.step.body : cloudflareError(500)) });
}

export const workersAiFlavour = { handle: handleWorkersAi, errorBody: (status: number) => cloudflareError(status) };
