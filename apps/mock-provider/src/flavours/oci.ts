import { isObject, splitJson, splitText } from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { dataFrame } from '../sse.js';
import type { RequestContext } from '../types.js';
import { planChat } from './openai.js';

/**
 * OCI Generative AI, `POST /{version}/actions/chat` with a GENERIC chat request: upper-case roles
 * and part types, camelCase fields, the model in `servingMode`. Requests must carry an OCI HTTP
 * Signature (`authorization: Signature …` naming the signed headers) and `x-content-sha256`; the
 * mock checks the shape, not the RSA signature. Streams are data-only SSE without `[DONE]`: text
 * deltas, then `{finishReason}`, then `{usage}` when `streamOptions.isIncludeUsage`. Errors are
 * `{code, message}`.
 */

type Json = Record<string, any>;

export function ociErrorBody(status: number, message?: string): Json {
  const code = status === 401 ? 'NotAuthenticated' : status === 404 ? 'NotAuthorizedOrNotFound' : status === 429 ? 'TooManyRequests' : status >= 500 ? 'InternalServerError' : 'InvalidParameter';
  return { code, message: message ?? (status === 401 ? 'The required information to complete authentication was not provided or was incorrect.' : `Mock error ${status}.`) };
}

function signed(ctx: RequestContext): boolean {
  const auth = ctx.req.headers.authorization;
  return typeof auth === 'string' && auth.startsWith('Signature ') && /headers="date \(request-target\) host[^"]*x-content-sha256"/.test(auth) && typeof ctx.req.headers['x-content-sha256'] === 'string';
}

/** GENERIC messages and tools, seen as OpenAI's so the shared chat planner can answer them. */
function asOpenAi(request: Json): Json {
  const messages = (Array.isArray(request.messages) ? request.messages : []).map((m: Json) => ({ role: String(m.role ?? '').toLowerCase(), content: m.content }));
  const tools = Array.isArray(request.tools) ? request.tools.map((t: Json) => ({ type: 'function', function: { name: t.name, parameters: t.parameters } })) : undefined;
  const toolChoice = isObject(request.toolChoice) ? (request.toolChoice.type === 'NONE' ? 'none' : request.toolChoice.type === 'FUNCTION' ? { type: 'function', function: { name: request.toolChoice.name } } : undefined) : undefined;
  return { messages, tools, tool_choice: toolChoice, max_tokens: request.maxTokens };
}

export function handleOci(ctx: RequestContext): void {
  if (!signed(ctx)) return sendBody(ctx, 401, ociErrorBody(401));
  const body = ctx.body;
  if (!isObject(body) || typeof body.compartmentId !== 'string' || !isObject(body.servingMode) || !isObject(body.chatRequest) || body.chatRequest.apiFormat !== 'GENERIC') {
    return sendBody(ctx, 400, ociErrorBody(400, 'compartmentId, servingMode and a GENERIC chatRequest are required.'));
  }
  const request = body.chatRequest;
  const plan = planChat(asOpenAi(request), 'oci');
  const usage = { promptTokens: plan.promptTokens, completionTokens: plan.completionTokens, totalTokens: plan.promptTokens + plan.completionTokens };
  const toolCalls = plan.toolCalls.map((c) => ({ id: c.id, type: 'FUNCTION', name: c.function.name, arguments: c.function.arguments }));
  if (request.isStream !== true) {
    const message: Json = { role: 'ASSISTANT', content: plan.text === null ? null : [{ type: 'TEXT', text: plan.text }] };
    if (toolCalls.length) message.toolCalls = toolCalls;
    return sendBody(ctx, 200, {
      modelId: ctx.model,
      modelVersion: '1.0.0',
      chatResponse: { apiFormat: 'GENERIC', timeCreated: new Date().toISOString(), choices: [{ index: 0, message, finishReason: plan.finish }], usage },
    });
  }
  const frames: string[] = [];
  if (plan.text !== null) for (const piece of splitText(plan.text)) frames.push(dataFrame({ index: 0, message: { role: 'ASSISTANT', content: [{ type: 'TEXT', text: piece }] } }));
  for (const call of toolCalls) {
    frames.push(dataFrame({ index: 0, message: { role: 'ASSISTANT', toolCalls: [{ id: call.id, type: 'FUNCTION', name: call.name, arguments: '' }] } }));
    for (const fragment of splitJson(call.arguments)) frames.push(dataFrame({ index: 0, message: { role: 'ASSISTANT', toolCalls: [{ type: 'FUNCTION', arguments: fragment }] } }));
  }
  frames.push(dataFrame({ message: { role: 'ASSISTANT' }, finishReason: plan.finish }));
  if (isObject(request.streamOptions) && request.streamOptions.isIncludeUsage === true) frames.push(dataFrame({ usage }));
  sendStream(ctx, frames, { errorFrame: () => dataFrame(ctx.step?.body !== undefined ? ctx.step.body : ociErrorBody(500)) });
}

export const ociFlavour = { handle: handleOci, errorBody: (status: number) => ociErrorBody(status) };
