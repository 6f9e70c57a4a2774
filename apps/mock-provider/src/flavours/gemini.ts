import {
  argsFromSchema,
  callTokens,
  countTokens,
  DEFAULT_DIMENSIONS,
  embeddingFor,
  isObject,
  newId,
  pickCalls,
  replyText,
  splitText,
  textOf,
  truncateTokens,
  type PlannedCall,
} from '../content.js';
import { sendBody, sendStream } from '../respond.js';
import { CRLF, dataFrame } from '../sse.js';
import type { RequestContext } from '../types.js';

/**
 * Google Gemini (Generative Language API; the same paths also match Vertex's publisher models).
 * Key via `x-goog-api-key` or `?key=` (a bearer token is accepted too, as Vertex uses OAuth).
 * Streams are SSE with `\r\n\r\n` separators when `alt=sse`, otherwise one JSON array.
 */

type Json = Record<string, any>;

const JSON_UTF8 = 'application/json; charset=UTF-8';

const STATUSES: Record<number, [status: string, message: string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  409: ['ABORTED', 'The operation was aborted.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  499: ['CANCELLED', 'The operation was cancelled.'],
  500: ['INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'],
  501: ['UNIMPLEMENTED', 'Method not implemented.'],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'],
};

/** Google's error envelope: `{"error":{"code","message","status"}}`. */
export function geminiError(code: number, message?: string): Json {
  const d = STATUSES[code] ?? [code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION', `Error ${code}.`];
  return { error: { code, message: message ?? d[1], status: d[0] } };
}

const API_KEY_INVALID = {
  error: {
    code: 400,
    message: 'API key not valid. Please pass a valid API key.',
    status: 'INVALID_ARGUMENT',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
    ],
  },
};

const STREAM_ERROR_BODY = geminiError(503);
export const HEADERS = { 'content-type': JSON_UTF8 };

function hasKey(ctx: RequestContext): boolean {
  const h = ctx.req.headers;
  const header = h['x-goog-api-key'];
  if (typeof header === 'string' && header !== '') return true;
  if (typeof h.authorization === 'string' && /^Bearer\s+\S/i.test(h.authorization)) return true;
  return /(^|&)key=[^&]+/.test(ctx.search);
}

export function handleGemini(ctx: RequestContext): void {
  if (!hasKey(ctx)) return sendBody(ctx, 400, API_KEY_INVALID, HEADERS);
  serveGemini(ctx, 'gemini');
}

/** Gemini's endpoints once auth has passed (Vertex reuses them); `label` names the reply. */
export function serveGemini(ctx: RequestContext, label: string): void {
  if (ctx.badJson || !isObject(ctx.body)) {
    return sendBody(ctx, 400, geminiError(400, 'Invalid JSON payload received.'), HEADERS);
  }
  const body = ctx.body;
  switch (ctx.route.endpoint) {
    case 'embedContent':
      return embedContent(ctx, body);
    case 'batchEmbedContents':
      return batchEmbedContents(ctx, body);
    case 'countTokens':
      return sendBody(ctx, 200, { totalTokens: countInput(body.contents, body.systemInstruction) }, HEADERS);
    default:
      return generate(ctx, body, label);
  }
}

function partsText(content: unknown): string {
  return isObject(content) ? textOf(content.parts) : '';
}

function countInput(contents: unknown, system: unknown): number {
  let n = countTokens(partsText(system));
  if (Array.isArray(contents)) for (const c of contents) n += countTokens(partsText(c));
  return n;
}

/** Echo the last user text, or the function response when the turn ends with one. */
function lastInput(contents: unknown[]): { text: string; afterTool: boolean } {
  const last = contents[contents.length - 1];
  if (isObject(last) && Array.isArray(last.parts)) {
    const responses = last.parts.filter((p: unknown) => isObject(p) && isObject(p.functionResponse));
    if (responses.length) return { text: JSON.stringify(responses[responses.length - 1].functionResponse.response ?? {}), afterTool: true };
  }
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i];
    if (isObject(c) && c.role !== 'model') return { text: partsText(c), afterTool: false };
  }
  return { text: '', afterTool: false };
}

function plannedCalls(body: Json): PlannedCall[] {
  if (!Array.isArray(body.tools)) return [];
  const config = isObject(body.toolConfig) && isObject(body.toolConfig.functionCallingConfig) ? body.toolConfig.functionCallingConfig : {};
  if (config.mode === 'NONE') return [];
  let decls: Json[] = [];
  for (const t of body.tools) {
    const list = isObject(t) ? (t.functionDeclarations ?? t.function_declarations) : undefined;
    if (Array.isArray(list)) decls.push(...list.filter((d: unknown) => isObject(d) && typeof d.name === 'string'));
  }
  if (Array.isArray(config.allowedFunctionNames)) decls = decls.filter((d) => config.allowedFunctionNames.includes(d.name));
  return pickCalls(decls, true).map((d) => ({ name: d.name, args: JSON.stringify(argsFromSchema(d.parameters ?? d.parametersJsonSchema)) }));
}

function generate(ctx: RequestContext, body: Json, label: string): void {
  if (!Array.isArray(body.contents) || body.contents.length === 0) {
    return sendBody(ctx, 400, geminiError(400, '* GenerateContentRequest.contents: contents is not specified\n'), HEADERS);
  }
  const promptTokens = countInput(body.contents, body.systemInstruction);
  const input = lastInput(body.contents);
  const calls = input.afterTool ? [] : plannedCalls(body);
  const max = isObject(body.generationConfig) ? body.generationConfig.maxOutputTokens : undefined;
  let finishReason = 'STOP';
  // Each entry becomes one streamed chunk's parts; joined, they are the non-streamed parts.
  const chunks: Json[][] = [];
  const chunkTokens: number[] = [];
  if (calls.length) {
    chunks.push(calls.map((c) => ({ functionCall: { name: c.name, args: JSON.parse(c.args) as Json } })));
    chunkTokens.push(calls.reduce((n, c) => n + callTokens(c), 0));
  } else {
    let text = replyText(label, input.text);
    if (typeof max === 'number' && countTokens(text) > max) {
      text = truncateTokens(text, max);
      finishReason = 'MAX_TOKENS';
    }
    for (const piece of splitText(text, 3)) {
      chunks.push([{ text: piece }]);
      chunkTokens.push(countTokens(piece));
    }
  }
  const responseId = newId('');
  const modelVersion = ctx.model;
  const usage = (candidates: number): Json => ({
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: promptTokens + candidates,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
  });
  const response = (parts: Json[], candidates: number, last: boolean): Json => ({
    candidates: [
      last ? { content: { parts, role: 'model' }, finishReason, index: 0 } : { content: { parts, role: 'model' }, index: 0 },
    ],
    usageMetadata: usage(candidates),
    modelVersion,
    responseId,
  });

  if (ctx.route.endpoint === 'generateContent') {
    const totalTokens = chunkTokens.reduce((a, b) => a + b, 0);
    // Adjacent text parts are merged in a unary reply, as Gemini does.
    const parts = calls.length ? chunks[0]! : [{ text: chunks.map((c) => c[0]!.text as string).join('') }];
    return sendBody(ctx, 200, response(parts, totalTokens, true), HEADERS);
  }

  let cumulative = 0;
  const records = chunks.map((parts, i) => {
    cumulative += chunkTokens[i]!;
    return JSON.stringify(response(parts, cumulative, i === chunks.length - 1));
  });
  const errorJson = JSON.stringify(ctx.step?.body !== undefined ? ctx.step.body : STREAM_ERROR_BODY);
  if (/(^|&)alt=sse(&|$)/.test(ctx.search)) {
    const frames = records.map((r) => dataFrame(r, CRLF));
    return sendStream(ctx, frames, { contentType: 'text/event-stream', errorFrame: () => dataFrame(errorJson, CRLF) });
  }
  // Without alt=sse Gemini streams one JSON array, element by element.
  const frames = records.map((r, i) => (i === 0 ? '[' : ',\r\n') + r);
  frames[frames.length - 1] += ']';
  sendStream(ctx, frames, {
    contentType: JSON_UTF8,
    errorFrame: (written) => (written === 0 ? `[${errorJson}]` : written < frames.length ? `,\r\n${errorJson}]` : ''),
  });
}

function dimsOf(req: Json): number {
  const d = req.outputDimensionality;
  return Number.isInteger(d) && d > 0 ? d : DEFAULT_DIMENSIONS;
}

function embedContent(ctx: RequestContext, body: Json): void {
  if (!isObject(body.content)) return sendBody(ctx, 400, geminiError(400, '* EmbedContentRequest.content: content is not specified\n'), HEADERS);
  sendBody(ctx, 200, { embedding: { values: embeddingFor(partsText(body.content), dimsOf(body)) } }, HEADERS);
}

function batchEmbedContents(ctx: RequestContext, body: Json): void {
  if (!Array.isArray(body.requests) || body.requests.length === 0) {
    return sendBody(ctx, 400, geminiError(400, '* BatchEmbedContentsRequest.requests: requests is not specified\n'), HEADERS);
  }
  const embeddings = body.requests.map((r: unknown) => ({ values: embeddingFor(isObject(r) ? partsText(r.content) : '', isObject(r) ? dimsOf(r) : DEFAULT_DIMENSIONS) }));
  sendBody(ctx, 200, { embeddings }, HEADERS);
}

export const geminiFlavour = { handle: handleGemini, errorBody: (status: number) => geminiError(status) };
