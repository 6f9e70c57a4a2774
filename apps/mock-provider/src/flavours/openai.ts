import type { OutgoingHttpHeaders } from 'node:http';
import {
  argsFromSchema,
  callTokens,
  countTokens,
  DEFAULT_DIMENSIONS,
  embeddingBase64,
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

/**
 * OpenAI's wire format: chat completions, legacy completions, embeddings and the model list.
 * Also serves every OpenAI-compatible provider and, with `label = 'azure'`, Azure OpenAI.
 */

type Json = Record<string, any>;

const ERROR_DEFAULTS: Record<number, [message: string, type: string, code: string | null]> = {
  400: ['Invalid request.', 'invalid_request_error', null],
  401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
  403: ['You are not allowed to access this resource.', 'invalid_request_error', 'unsupported_country_region_territory'],
  404: ['The model does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'],
  408: ['Request timed out.', 'timeout', null],
  409: ['Conflict.', 'invalid_request_error', null],
  422: ['Unprocessable request.', 'invalid_request_error', null],
  429: ['Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request. Sorry about that!', 'server_error', null],
  502: ['Bad gateway.', 'server_error', null],
  503: ['The engine is currently overloaded, please try again later.', 'server_error', null],
  504: ['Gateway timeout.', 'server_error', null],
};

/** OpenAI's error envelope: `{"error":{"message","type","param","code"}}`. */
export function openaiError(status: number, message?: string, param: string | null = null, code?: string | null): Json {
  const d = ERROR_DEFAULTS[status] ?? [`Error ${status}.`, status >= 500 ? 'server_error' : 'invalid_request_error', null];
  return { error: { message: message ?? d[0], type: d[1], param, code: code === undefined ? d[2] : code } };
}

export function hasBearer(auth: string | string[] | undefined): boolean {
  return typeof auth === 'string' && /^Bearer\s+\S/i.test(auth);
}

const NO_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

const STREAM_ERROR = dataFrame(openaiError(500));

/** OpenAI-compatible providers: bearer auth, then the endpoint. */
export function handleOpenAI(ctx: RequestContext): void {
  if (!hasBearer(ctx.req.headers.authorization)) {
    sendBody(ctx, 401, openaiError(401, NO_KEY_MESSAGE, null, null), headersFor('openai'));
    return;
  }
  serveOpenAIEndpoint(ctx, 'openai');
}

export function headersFor(label: string): OutgoingHttpHeaders {
  const id = newId('req_');
  return label === 'azure' ? { 'x-request-id': id, 'apim-request-id': id } : { 'x-request-id': id };
}

/** Runs the endpoint once auth has passed; `label` names the flavour in the reply text. */
export function serveOpenAIEndpoint(ctx: RequestContext, label: string): void {
  const headers = headersFor(label);
  if (ctx.route.endpoint === 'models') {
    sendBody(ctx, 200, { object: 'list', data: [{ id: ctx.model || 'mock-model', object: 'model', created: 1700000000, owned_by: 'mock' }] }, headers);
    return;
  }
  if (ctx.badJson || !isObject(ctx.body)) {
    sendBody(ctx, 400, openaiError(400, 'We could not parse the JSON body of your request. The body must be a JSON object.'), headers);
    return;
  }
  const body = ctx.body;
  if (typeof body.model !== 'string' && ctx.route.pathModel === undefined) {
    sendBody(ctx, 400, openaiError(400, 'you must provide a model parameter', null, null), headers);
    return;
  }
  switch (ctx.route.endpoint) {
    case 'chat':
      return chat(ctx, body, label, headers);
    case 'completions':
      return completions(ctx, body, label, headers);
    case 'embeddings':
      return embeddings(ctx, body, headers);
    default:
      sendBody(ctx, 404, openaiError(404, 'Invalid URL', null, null), headers);
  }
}

function missing(param: string): Json {
  return openaiError(400, `Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
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

function chat(ctx: RequestContext, body: Json, label: string, headers: OutgoingHttpHeaders): void {
  if (!Array.isArray(body.messages)) return sendBody(ctx, 400, missing('messages'), headers);
  let promptTokens = 0;
  for (const m of body.messages) if (isObject(m)) promptTokens += countTokens(textOf(m.content));
  const input = lastInput(body.messages);
  const calls = input.afterTool ? [] : plannedCalls(body);
  let text: string | null = null;
  let finish = 'tool_calls';
  let completionTokens = 0;
  if (calls.length === 0) {
    [text, finish] = limitedText(replyText(label, input.text), maxTokensOf(body));
    completionTokens = countTokens(text);
  } else for (const c of calls) completionTokens += callTokens(c);
  const toolCalls = calls.map((c) => ({ id: newId('call_'), type: 'function', function: { name: c.name, arguments: c.args } }));

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
function streamError(ctx: RequestContext): string {
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

function embeddings(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
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
        const v = embeddingFor(t, dims);
        return { object: 'embedding', index, embedding: base64 ? embeddingBase64(v) : v };
      }),
      model: ctx.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    headers,
  );
}

export const openaiFlavour = { handle: handleOpenAI, errorBody: (status: number) => openaiError(status) };
