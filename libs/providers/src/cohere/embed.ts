import type { EndpointAdapter, Json, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { inputTexts, openAiEmbeddingList } from '../shared/openai-embeddings.js';

/**
 * OpenAI embeddings ↔ Cohere v2 `/v2/embed`. Cohere requires `input_type` (search_document,
 * search_query, classification, clustering); it defaults to `search_document`, as documents are
 * what most embedding calls index, and a client may send its own. Only float embeddings are asked
 * for (`embedding_types: ["float"]`); base64 for the OpenAI SDKs is encoded here. `dimensions`
 * maps to `output_dimension` (embed-v4 and later).
 */
export const cohereEmbed: EndpointAdapter = {
  path: () => '/v2/embed',
  request: toCohereEmbedRequest,
  response: toOpenAiEmbeddings,
};

export function toCohereEmbedRequest(body: Json): Json {
  const texts = inputTexts(body.input);
  if (!texts) throw new UnsupportedRequestError('cohere embeddings take a string or an array of strings as input (not token arrays)');
  return {
    model: body.model,
    texts,
    input_type: typeof body.input_type === 'string' ? body.input_type : 'search_document',
    embedding_types: ['float'],
    ...(typeof body.dimensions === 'number' ? { output_dimension: body.dimensions } : {}),
    ...(typeof body.truncate === 'string' ? { truncate: body.truncate } : {}),
  };
}

export function toOpenAiEmbeddings(body: Json, ctx: ResponseContext): Json {
  const embeddings = body.embeddings as Json | unknown[] | undefined;
  // v2 answers `embeddings: {float: [...]}`; a bare array is the v1 "embeddings_floats" shape.
  const vectors = Array.isArray(embeddings) ? embeddings : Array.isArray(embeddings?.float) ? (embeddings.float as unknown[]) : [];
  const billed = ((body.meta as Json | undefined)?.billed_units ?? {}) as Json;
  return openAiEmbeddingList(vectors, ctx, { promptTokens: typeof billed.input_tokens === 'number' ? billed.input_tokens : 0 });
}
