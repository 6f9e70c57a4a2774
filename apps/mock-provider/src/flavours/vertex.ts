import { pngBase64 } from '../binary/png.js';
import { countTokens, DEFAULT_DIMENSIONS, embeddingFor, isObject, newId } from '../content.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { anthropicError, serveMessages } from './anthropic.js';
import { geminiError, HEADERS, serveGemini } from './gemini.js';
import { hasBearer } from './openai-common.js';

/**
 * Vertex AI publisher models under `/v1/projects/{p}/locations/{r}/publishers/…`: Google models
 * answer like Gemini (generateContent, streamGenerateContent, countTokens) plus `:predict`
 * (text embeddings, Imagen); Anthropic models answer `:rawPredict` / `:streamRawPredict` with the
 * Messages API, the model taken from the path (the body has `anthropic_version`, no `model`).
 * Vertex wants an OAuth bearer token; errors use Google's envelope.
 */

type Json = Record<string, any>;

const NO_TOKEN =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export function handleVertex(ctx: RequestContext): void {
  if (!hasBearer(ctx.req.headers.authorization)) return sendBody(ctx, 401, geminiError(401, NO_TOKEN), HEADERS);
  switch (ctx.route.endpoint) {
    case 'rawPredict':
    case 'streamRawPredict':
      return anthropicOnVertex(ctx);
    case 'predict':
      return predict(ctx);
    default:
      return serveGemini(ctx, 'vertex');
  }
}

function anthropicOnVertex(ctx: RequestContext): void {
  const headers = { 'request-id': newId('req_') };
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 400, anthropicError(400, 'There was an error parsing the body of your request.'), headers);
  const body = ctx.body;
  if (typeof body.anthropic_version !== 'string') return sendBody(ctx, 400, anthropicError(400, 'anthropic_version: Field required'), headers);
  serveMessages(ctx, body, headers, { label: 'vertex', stream: ctx.route.endpoint === 'streamRawPredict' || body.stream === true });
}

function predict(ctx: RequestContext): void {
  if (ctx.badJson || !isObject(ctx.body) || !Array.isArray(ctx.body.instances)) {
    return sendBody(ctx, 400, geminiError(400, 'Invalid JSON payload received. "instances" must be a list.'), HEADERS);
  }
  const instances: unknown[] = ctx.body.instances;
  const params: Json = isObject(ctx.body.parameters) ? ctx.body.parameters : {};
  if (ctx.model.startsWith('imagen')) {
    const n = Number.isInteger(params.sampleCount) && params.sampleCount > 0 ? Math.min(params.sampleCount, 4) : 1;
    const predictions = instances.flatMap((inst) => {
      const prompt = isObject(inst) && typeof inst.prompt === 'string' ? inst.prompt : '';
      return Array.from({ length: n }, (_, i) => ({ bytesBase64Encoded: pngBase64(`${prompt}#${i}`), mimeType: 'image/png' }));
    });
    return sendBody(ctx, 200, { predictions }, HEADERS);
  }
  const dims = Number.isInteger(params.outputDimensionality) && params.outputDimensionality > 0 ? params.outputDimensionality : DEFAULT_DIMENSIONS;
  let characters = 0;
  const predictions = instances.map((inst) => {
    const text = isObject(inst) && typeof inst.content === 'string' ? inst.content : '';
    characters += text.replace(/\s/g, '').length;
    return { embeddings: { values: embeddingFor(text, dims), statistics: { token_count: countTokens(text), truncated: false } } };
  });
  sendBody(ctx, 200, { predictions, metadata: { billableCharacterCount: characters } }, HEADERS);
}

export const vertexFlavour = { handle: handleVertex, errorBody: (status: number) => geminiError(status) };
