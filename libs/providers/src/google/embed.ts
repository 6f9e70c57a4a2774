import type { EndpointAdapter, Json, ResponseContext, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { modelMethodPath, modelName, modelResource } from './model-path.js';
import { isObject } from './util.js';

/**
 * OpenAI embeddings ↔ Gemini `embedContent` (one string) / `batchEmbedContents` (an array: one
 * request per input, answered in order). `dimensions` maps to `outputDimensionality`; Gemini's
 * `task_type` (RETRIEVAL_QUERY, SEMANTIC_SIMILARITY…) and `title` are accepted as extras.
 * Gemini returns no token counts for embeddings, so usage is zero unless it does.
 */
export const geminiEmbed: EndpointAdapter = {
  path: (body) => modelMethodPath(body, Array.isArray(body.input) ? 'batchEmbedContents' : 'embedContent'),
  request: toGeminiEmbedRequest,
  response: toOpenAiEmbedResponse,
};

export function toGeminiEmbedRequest(body: Json, _ctx?: TransformContext): Json {
  const model = modelResource(modelName(body));
  const options: Json = {};
  if (typeof body.dimensions === 'number') options.outputDimensionality = body.dimensions;
  const taskType = body.task_type ?? body.taskType;
  if (typeof taskType === 'string') options.taskType = taskType;
  if (typeof body.title === 'string') options.title = body.title;

  const request = (text: string): Json => ({ model, content: { parts: [{ text }] }, ...options });
  if (typeof body.input === 'string') return request(body.input);
  if (Array.isArray(body.input) && body.input.length > 0 && body.input.every((i) => typeof i === 'string')) {
    return { requests: body.input.map((text) => request(text as string)) };
  }
  throw new UnsupportedRequestError('google embeddings take a string or an array of strings as input (not token arrays)');
}

export function toOpenAiEmbedResponse(body: Json, ctx: ResponseContext): Json {
  // The OpenAI Node SDK asks for base64 by default and decodes it as little-endian float32.
  const base64 = ctx.request?.encoding_format === 'base64';
  const vectors: unknown[] = Array.isArray(body.embeddings) ? body.embeddings : isObject(body.embedding) ? [body.embedding] : [];
  const promptTokens = isObject(body.usageMetadata) && typeof body.usageMetadata.promptTokenCount === 'number' ? body.usageMetadata.promptTokenCount : 0;
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encode(isObject(vector) && Array.isArray(vector.values) ? (vector.values as number[]) : [], base64),
    })),
    model: ctx.model.replace(/^models\//, ''),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function encode(values: number[], base64: boolean): number[] | string {
  if (!base64) return values;
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}
