import type { OutgoingHttpHeaders } from 'node:http';
import {
  argsFromSchema,
  callTokens,
  countTokens,
  DEFAULT_DIMENSIONS,
  embeddingBase64,
  bagOfWordsEmbedding,
  embeddingFor,
  isObject,
  newId,
  nowSeconds,
  pickCalls,
  replyText,
  splitJson,
  splitText,
  textOf,
  truncateTokens,
  type PlannedCall,
} from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { dataFrame, DONE_FRAME } from '../sse.js';
import type { RequestContext } from '../types.js';
import { audioUpload, speech } from './openai-audio.js';
import { hasBearer, headersFor, missing, NO_KEY_MESSAGE, openaiError, type Json } from './openai-common.js';
import { moderation, rerank } from './openai-extras.js';
import { imageEdit, imageGeneration } from './openai-images.js';

export { hasBearer, headersFor, openaiError } from './openai-common.js';

/**
 * OpenAI's wire format: chat completions, legacy completions, embeddings and the model list
 * (images, audio, moderations and rerank live in their own files). Also serves every
 * OpenAI-compatible provider and, with another `label`, Azure OpenAI, AI21 and Workers AI.
 */

const STREAM_ERROR = dataFrame(openaiError(500));

/**
 * OpenAI-compatible providers: a key, then the endpoint. Most send a bearer token; Azure AI
 * Foundry's inference API takes `api-key` and Portkey's hosted gateway `x-portkey-api-key`.
 */
export function handleOpenAI(ctx: RequestContext): void {
  const { headers } = ctx.req;
  if (!hasBearer(headers.authorization) && !headers['api-key'] && !headers['x-portkey-api-key']) {
    sendBody(ctx, 401, openaiError(401, NO_KEY_MESSAGE, null, null), headersFor('openai'));
    return;
  }
  serveOpenAIEndpoint(ctx, 'openai');
}

/** Runs the endpoint once auth has passed; `label` names the flavour in the reply text. */
export function serveOpenAIEndpoint(ctx: RequestContext, label: string): void {
  const headers = headersFor(label);
  const endpoint = ctx.route.endpoint;
  if (endpoint === 'models') {
    sendBody(ctx, 200, { object: 'list', data: [{ id: ctx.model || 'mock-model', object: 'model', created: 1700000000, owned_by: 'mock' }] }, headers);
    return;
  }
  // Multipart uploads: no JSON body to check.
  if (endpoint === 'image_edit') return imageEdit(ctx, headers);
  if (endpoint === 'transcription' || endpoint === 'translation') return audioUpload(ctx, headers);
  if (ctx.badJson || !isObject(ctx.body)) {
    sendBody(ctx, 400, openaiError(400, 'We could not parse the JSON body of your request. The body must be a JSON object.'), headers);
    return;
  }
  const body = ctx.body;
  switch (endpoint) {
    case 'image_generation':
      return imageGeneration(ctx, body, headers);
    case 'moderation':
      return moderation(ctx, body, headers);
  }
  if (typeof body.model !== 'string' && ctx.route.pathModel === undefined) {
    sendBody(ctx, 400, openaiError(400, 'you must provide a model parameter', null, null), headers);
    return;
  }
  switch (endpoint) {
    case 'chat':
      return chat(ctx, body, label, headers);
    case 'completions':
      return completions(ctx, body, label, headers);
    case 'embeddings':
      return embeddings(ctx, body, headers);
    case 'speech':
      return speech(ctx, body, headers);
    case 'rerank':
      return rerank(ctx, body, headers);
    default:
      sendBody(ctx, 404, openaiError(404, 'Invalid URL', null, null), headers);
  }
}

function usageOf(prompt: number, completion: number): Json {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** The text the reply echoes: the last user message, or a tool result when the turn ends with one. */
function lastInput(messages: unknown[]): { text: string; afterTool: boolean } {
  const last = messages[messages.length - 1];
  if (isObject(last) && (last.role === 'tool' || last.role === 'function')) return { text: textOf(last.content), afterTool: true };
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === 'user') return { text: textOf(m.content), afterTool: false };
  }
  return { text: '', afterTool: false };
}

function plannedCalls(body: Json): PlannedCall[] {
  if (!Array.isArray(body.tools) || body.tool_choice === 'none') return [];
  let tools = body.tools.filter((t: unknown) => isObject(t) && isObject(t.function) && typeof t.function.name === 'string');
  const forced = isObject(body.tool_choice) && isObject(body.tool_choice.function) ? body.tool_choice.function.name : undefined;
  if (typeof forced === 'string') tools = tools.filter((t: Json) => t.function.name === forced);
  return pickCalls(tools, body.parallel_tool_calls !== false).map((t: Json) => ({
    name: t.function.name,
    args: JSON.stringify(argsFromSchema(t.function.parameters)),
  }));
}

function maxTokensOf(body: Json): number | undefined {
  const m = body.max_completion_tokens ?? body.max_tokens;
  return typeof m === 'number' && m >= 0 ? m : undefined;
}

/** `(text, finish_reason)` honouring max tokens, so clients can see a `length` stop. */
function limitedText(text: string, max: number | undefined): [string, string] {
  if (max !== undefined && countTokens(text) > max) return [truncateTokens(text, max), 'length'];
  return [text, 'stop'];
}

/** What an OpenAI-shaped chat answer says, before any framing (shared with AI21). */
export interface ChatPlan {
  text: string | null;
  finish: string;
  toolCalls: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  promptTokens: number;
  completionTokens: number;
}

/** Decides the reply to an OpenAI-shaped `messages` body (which must be an array). */
export function planChat(body: Json, label: string): ChatPlan {
  let promptTokens = 0;
  for (const m of body.messages as unknown[]) if (isObject(m)) promptTokens += countTokens(textOf(m.content));
  const input = lastInput(body.messages);
  const calls = input.afterTool ? [] : plannedCalls(body);
  let text: string | null = null;
  let finish = 'tool_calls';
  let completionTokens = 0;
  if (calls.length === 0) {
    [text, finish] = limitedText(replyText(label, input.text), maxTokensOf(body));
    completionTokens = countTokens(text);
  } else for (const c of calls) completionTokens += callTokens(c);
  const toolCalls = calls.map((c) => ({ id: newId('call_'), type: 'function' as const, function: { name: c.name, arguments: c.args } }));
  return { text, finish, toolCalls, promptTokens, completionTokens };
}

function chat(ctx: RequestContext, body: Json, label: string, headers: OutgoingHttpHeaders): void {
  if (!Array.isArray(body.messages)) return sendBody(ctx, 400, missing('messages'), headers);
  const { text, finish, toolCalls, promptTokens, completionTokens } = planChat(body, label);

  const id = newId('chatcmpl-');
  const created = nowSeconds();
  const model = ctx.model;
  const usage = usageOf(promptTokens, completionTokens);

  if (body.stream !== true) {
    const message: Json = { role: 'assistant', content: text, refusal: null, annotations: [] };
    if (toolCalls.length) message.tool_calls = toolCalls;
    sendBody(
      ctx,
      200,
      {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
        usage,
        service_tier: 'default',
        system_fingerprint: 'fp_mock',
      },
      headers,
    );
    return;
  }

  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  // Every chunk shares id/created/model: render that prefix once per request.
  const head = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"service_tier":"default","system_fingerprint":"fp_mock","choices":[`;
  const tail = includeUsage ? '],"usage":null}' : ']}';
  const chunk = (delta: Json, finishReason: string | null = null): string =>
    `data: ${head}${JSON.stringify({ index: 0, delta, logprobs: null, finish_reason: finishReason })}${tail}\n\n`;

  const frames: string[] = [chunk({ role: 'assistant', content: text === null ? null : '', refusal: null })];
  if (text !== null) for (const piece of splitText(text)) frames.push(chunk({ content: piece }));
  toolCalls.forEach((tc, index) => {
    frames.push(chunk({ tool_calls: [{ index, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }] }));
    for (const frag of splitJson(tc.function.arguments)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: frag } }] }));
  });
  frames.push(chunk({}, finish));
  if (includeUsage) frames.push(`data: ${head}],"usage":${JSON.stringify(usage)}}\n\n`);
  frames.push(DONE_FRAME);
  sendStream(ctx, frames, { headers, errorFrame: () => streamError(ctx) });
}

/** In-stream error: a `data:` line carrying OpenAI's error envelope (the scripted body if given). */
export function streamError(ctx: RequestContext): string {
  return ctx.step?.body !== undefined ? dataFrame(ctx.step.body) : STREAM_ERROR;
}

function completions(ctx: RequestContext, body: Json, label: string, headers: OutgoingHttpHeaders): void {
  const prompt = body.prompt;
  if (prompt === undefined) return sendBody(ctx, 400, missing('prompt'), headers);
  const promptText = typeof prompt === 'string' ? prompt : Array.isArray(prompt) ? textOf(prompt.filter((p) => typeof p === 'string')) : '';
  const received = typeof prompt === 'string' ? prompt : Array.isArray(prompt) && typeof prompt[prompt.length - 1] === 'string' ? prompt[prompt.length - 1] : '';
  const [text, finish] = limitedText(replyText(label, received), typeof body.max_tokens === 'number' ? body.max_tokens : undefined);
  const usage = { prompt_tokens: countTokens(promptText), completion_tokens: countTokens(text), total_tokens: countTokens(promptText) + countTokens(text) };
  const id = newId('cmpl-');
  const created = nowSeconds();
  if (body.stream !== true) {
    sendBody(
      ctx,
      200,
      {
        id,
        object: 'text_completion',
        created,
        model: ctx.model,
        system_fingerprint: 'fp_mock',
        choices: [{ text, index: 0, logprobs: null, finish_reason: finish }],
        usage,
      },
      headers,
    );
    return;
  }
  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  const head = `{"id":"${id}","object":"text_completion","created":${created},"model":${JSON.stringify(ctx.model)},"system_fingerprint":"fp_mock","choices":[`;
  const tail = includeUsage ? '],"usage":null}' : ']}';
  const chunk = (piece: string, finishReason: string | null): string =>
    `data: ${head}${JSON.stringify({ text: piece, index: 0, logprobs: null, finish_reason: finishReason })}${tail}\n\n`;
  const frames = splitText(text).map((p) => chunk(p, null));
  frames.push(chunk('', finish));
  if (includeUsage) frames.push(`data: ${head}],"usage":${JSON.stringify(usage)}}\n\n`);
  frames.push(DONE_FRAME);
  sendStream(ctx, frames, { headers, errorFrame: () => streamError(ctx) });
}

export function embeddings(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  const input = body.input;
  let texts: string[];
  let tokens = 0;
  if (typeof input === 'string') texts = [input];
  else if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'string')) texts = input;
  else if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'number')) texts = [input.join(' ')];
  else if (Array.isArray(input) && input.length > 0 && input.every((x) => Array.isArray(x))) texts = input.map((x: unknown[]) => x.join(' '));
  else return sendBody(ctx, 400, input === undefined ? missing('input') : openaiError(400, "Invalid 'input': expected a string or an array.", 'input', 'invalid_type'), headers);
  for (const t of texts) tokens += countTokens(t);
  const dims = Number.isInteger(body.dimensions) && body.dimensions > 0 ? body.dimensions : DEFAULT_DIMENSIONS;
  const base64 = body.encoding_format === 'base64';
  sendBody(
    ctx,
    200,
    {
      object: 'list',
      data: texts.map((t, index) => {
        const v = String(ctx.model).includes('bag-of-words') ? bagOfWordsEmbedding(t, body.dimensions ? dims : 256) : embeddingFor(t, dims);
        return { object: 'embedding', index, embedding: base64 ? embeddingBase64(v) : v };
      }),
      model: ctx.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    headers,
  );
}

export const openaiFlavour = { handle: handleOpenAI, errorBody: (status: number) => openaiError(status) };
