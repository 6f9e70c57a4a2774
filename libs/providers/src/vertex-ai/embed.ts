import type { EndpointAdapter, Json, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { modelMethodPath, publisherModel } from './location.js';

/**
 * OpenAI embeddings ↔ Vertex text embeddings (`publishers/google/models/{model}:predict`):
 * `{instances:[{content, task_type?, title?}], parameters:{outputDimensionality?}}` →
 * `{predictions:[{embeddings:{values, statistics:{token_count, truncated}}}]}`. One instance per
 * input, answered in order; the token counts are summed for usage.
 */
function inputs(body: Json): string[] {
  if (typeof body.input === 'string') return [body.input];
  if (Array.isArray(body.input) && body.input.length > 0 && body.input.every((i) => typeof i === 'string')) return body.input as string[];
  throw new UnsupportedRequestError('vertex-ai: embeddings take a string or an array of strings as input (not token arrays)');
}

export function toVertexEmbedRequest(body: Json): Json {
  const taskType = body.task_type ?? body.taskType;
  const instances = inputs(body).map((content) => ({
    content,
    ...(typeof taskType === 'string' ? { task_type: taskType } : {}),
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
  }));
  const parameters: Json = {};
  if (typeof body.dimensions === 'number') parameters.outputDimensionality = body.dimensions;
  if (typeof body.auto_truncate === 'boolean') parameters.autoTruncate = body.auto_truncate;
  return { instances, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) };
}

export function toOpenAiEmbedResponse(body: Json, ctx: ResponseContext): Json {
  const base64 = ctx.request?.encoding_format === 'base64';
  const predictions = Array.isArray(body.predictions) ? (body.predictions as Json[]) : [];
  let tokens = 0;
  const data = predictions.map((prediction, index) => {
    const embeddings = (prediction?.embeddings ?? {}) as { values?: number[]; statistics?: { token_count?: number } };
    tokens += typeof embeddings.statistics?.token_count === 'number' ? embeddings.statistics.token_count : 0;
    const values = Array.isArray(embeddings.values) ? embeddings.values : [];
    return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values };
  });
  return { object: 'list', data, model: ctx.model.replace(/^google\./, ''), usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

export const vertexEmbed: EndpointAdapter = {
  path: (body, ctx) => {
    const { publisher, model } = publisherModel(body);
    if (publisher !== 'google') throw new UnsupportedRequestError('vertex-ai: embeddings are served by Google models only');
    return modelMethodPath(ctx.options, 'google', model, 'predict');
  },
  request: (body) => toVertexEmbedRequest(body),
  response: (body, ctx) => toOpenAiEmbedResponse(body, ctx),
};
