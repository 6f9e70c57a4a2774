import { isObject, newId, nowSeconds, splitJson, splitText } from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import type { RequestContext } from '../types.js';
import { hasBearer } from './openai-common.js';
import { planChat } from './openai.js';

/**
 * IBM watsonx.ai text chat: `POST /ml/v1/text/chat?version=…` (JSON) and `/ml/v1/text/chat_stream`
 * (SSE frames `id: n`, `event: message`, `data: …`). OpenAI-shaped messages and choices, but
 * `model_id` and `project_id`/`space_id` in the body, `tool_choice_option` for auto/none/required,
 * a `version` query required, usage on the last stream event. Errors are
 * `{errors: [{code, message, more_info}], trace, status_code}`.
 */

type Json = Record<string, any>;

export function watsonxErrorBody(status: number, message?: string, code?: string): Json {
  const c = code ?? (status === 401 ? 'authentication_token_not_valid' : status === 404 ? 'model_not_supported' : status === 429 ? 'token_quota_reached' : status >= 500 ? 'internal_error' : 'invalid_input_argument');
  return { errors: [{ code: c, message: message ?? `Mock error ${status}.`, more_info: 'https://cloud.ibm.com/apidocs/watsonx-ai' }], trace: newId(''), status_code: status };
}

export function handleWatsonx(ctx: RequestContext): void {
  if (!hasBearer(ctx.req.headers.authorization)) return sendBody(ctx, 401, watsonxErrorBody(401, 'Failed to authenticate the request due to no Authorization header'));
  if (!/(^|&)version=\d{4}-\d{2}-\d{2}($|&)/.test(ctx.search)) return sendBody(ctx, 400, watsonxErrorBody(400, 'Missing query parameter version', 'invalid_request_entity'));
  const body = ctx.body;
  if (!isObject(body) || typeof body.model_id !== 'string' || !Array.isArray(body.messages)) return sendBody(ctx, 400, watsonxErrorBody(400, 'model_id and messages are required'));
  if (typeof body.project_id !== 'string' && typeof body.space_id !== 'string') return sendBody(ctx, 400, watsonxErrorBody(400, 'Either project_id or space_id must be specified', 'json_validation_error'));
  if ('stream' in body || 'stream_options' in body) return sendBody(ctx, 400, watsonxErrorBody(400, 'Json document validation error: unknown field stream', 'json_validation_error'));
  const plan = planChat({ ...body, tool_choice: body.tool_choice ?? body.tool_choice_option }, 'watsonx');
  const id = newId('chat-');
  const created = nowSeconds();
  const usage = { completion_tokens: plan.completionTokens, prompt_tokens: plan.promptTokens, total_tokens: plan.promptTokens + plan.completionTokens };
  const envelope = { id, model_id: body.model_id, model: body.model_id, created, model_version: '1.0.0', created_at: new Date(created * 1000).toISOString() };
  const streaming = (ctx.req.url ?? '').split('?')[0]!.endsWith('/chat_stream');
  if (!streaming) {
    const message: Json = { role: 'assistant', content: plan.text ?? '' };
    if (plan.toolCalls.length) message.tool_calls = plan.toolCalls;
    return sendBody(ctx, 200, { ...envelope, choices: [{ index: 0, message, finish_reason: plan.finish }], usage });
  }
  let n = 0;
  const frame = (choices: Json[], extra: Json = {}): string => `id: ${++n}\nevent: message\ndata: ${JSON.stringify({ ...envelope, choices, ...extra })}\n\n`;
  const frames = [frame([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }])];
  if (plan.text !== null) for (const piece of splitText(plan.text)) frames.push(frame([{ index: 0, delta: { content: piece }, finish_reason: null }]));
  plan.toolCalls.forEach((tc, index) => {
    frames.push(frame([{ index: 0, delta: { tool_calls: [{ index, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }] }, finish_reason: null }]));
    for (const fragment of splitJson(tc.function.arguments)) frames.push(frame([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: fragment } }] }, finish_reason: null }]));
  });
  frames.push(frame([{ index: 0, delta: {}, finish_reason: plan.finish }], { usage }));
  sendStream(ctx, frames, { errorFrame: () => `id: ${++n}\nevent: error\ndata: ${JSON.stringify(ctx.step?.body !== undefined ? ctx.step.body : watsonxErrorBody(500))}\n\n` });
}

export const watsonxFlavour = { handle: handleWatsonx, errorBody: (status: number) => watsonxErrorBody(status) };
