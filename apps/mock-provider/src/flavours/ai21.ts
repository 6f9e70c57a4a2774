import { DEFAULT_DIMENSIONS, embeddingFor, isObject, newId, splitJson, splitText } from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { dataFrame, DONE_FRAME } from '../sse.js';
import type { RequestContext } from '../types.js';
import { detailError } from './detail-error.js';
import { hasBearer } from './openai-common.js';
import { planChat } from './openai.js';

/**
 * AI21 Studio. `/studio/v1/chat/completions` is OpenAI-like, but the body has no `object`,
 * `created` or `system_fingerprint`, ids are `chat-…`, and a stream's chunks carry `usage: null`
 * except the last, which has the finish reason and the usage (always, no `stream_options`), then
 * `data: [DONE]`. `/studio/v1/embed` takes `{texts, type}` and answers `{id, results:[{embedding}]}`.
 * Errors are `{"detail"}`.
 */

type Json = Record<string, any>;

export function handleAi21(ctx: RequestContext): void {
  if (!hasBearer(ctx.req.headers.authorization)) return sendBody(ctx, 401, detailError(401, 'Forbidden: Bad or missing API token.'));
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 422, detailError(422, 'Request body must be a JSON object.'));
  const body = ctx.body;
  if (ctx.route.endpoint === 'embed') {
    if (!Array.isArray(body.texts) || !body.texts.every((t: unknown) => typeof t === 'string')) return sendBody(ctx, 422, detailError(422, 'texts: field required'));
    return sendBody(ctx, 200, { id: newId(''), results: body.texts.map((t: string) => ({ embedding: embeddingFor(t, DEFAULT_DIMENSIONS) })) });
  }
  if (typeof body.model !== 'string') return sendBody(ctx, 422, detailError(422, 'model: field required'));
  if (!Array.isArray(body.messages)) return sendBody(ctx, 422, detailError(422, 'messages: field required'));
  const plan = planChat(body, 'ai21');
  const id = newId('chat-');
  const usage = { prompt_tokens: plan.promptTokens, completion_tokens: plan.completionTokens, total_tokens: plan.promptTokens + plan.completionTokens };
  if (body.stream !== true) {
    const message: Json = { role: 'assistant', content: plan.text };
    if (plan.toolCalls.length) message.tool_calls = plan.toolCalls;
    return sendBody(ctx, 200, { id, choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finish }], usage, model: ctx.model });
  }
  const chunk = (delta: Json, finish: string | null = null, u: Json | null = null): string =>
    dataFrame({ id, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: u });
  const frames = [chunk({ role: 'assistant' })];
  if (plan.text !== null) for (const piece of splitText(plan.text)) frames.push(chunk({ content: piece }));
  plan.toolCalls.forEach((tc, index) => {
    frames.push(chunk({ tool_calls: [{ index, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }] }));
    for (const frag of splitJson(tc.function.arguments)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: frag } }] }));
  });
  frames.push(chunk({}, plan.finish, usage), DONE_FRAME);
  sendStream(ctx, frames, { errorFrame: () => dataFrame(ctx.step?.body !== undefined ? ctx.step.body : detailError(500, 'Internal server error')) });
}

export const ai21Flavour = { handle: handleAi21, errorBody: (status: number) => detailError(status) };
