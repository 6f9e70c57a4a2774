import type { Json, ProviderAdapter, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { inputTexts, normalizeOpenAiEmbeddingList } from '../shared/openai-embeddings.js';
import { documentTexts, requestedDocument, requireQuery } from '../shared/openai-rerank.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Voyage AI (api.voyageai.com/v1), embeddings and rerank.
 *
 * Embeddings: Voyage answers OpenAI's list shape, but its request names differ: `dimensions` is
 * `output_dimension`, and its own `input_type` (query | document) and `truncation` are forwarded.
 * Floats are always asked for; base64 for the OpenAI SDKs is encoded here, as Voyage's own base64
 * follows its `output_dtype`. Usage comes as `total_tokens` only and is mirrored into
 * `prompt_tokens`.
 *
 * Rerank: `top_n` is Voyage's `top_k`, and the answer's `data` becomes `results`, with documents
 * (plain strings at Voyage) as `{text}` like the other rerankers.
 */
export function toVoyageEmbedRequest(body: Json): Json {
  const texts = inputTexts(body.input);
  if (!texts) throw new UnsupportedRequestError('voyage embeddings take a string or an array of strings as input (not token arrays)');
  return {
    model: body.model,
    input: typeof body.input === 'string' ? body.input : texts,
    ...(typeof body.input_type === 'string' ? { input_type: body.input_type } : {}),
    ...(typeof body.truncation === 'boolean' ? { truncation: body.truncation } : {}),
    ...(typeof body.dimensions === 'number' ? { output_dimension: body.dimensions } : {}),
    ...(typeof body.output_dimension === 'number' ? { output_dimension: body.output_dimension } : {}),
  };
}

export function toVoyageRerankRequest(body: Json): Json {
  return {
    model: body.model,
    query: requireQuery(body, 'voyage'),
    documents: documentTexts(body.documents, 'voyage'),
    ...(typeof body.top_n === 'number' ? { top_k: body.top_n } : {}),
    ...(typeof body.top_k === 'number' ? { top_k: body.top_k } : {}),
    ...(body.return_documents === true ? { return_documents: true } : {}),
    ...(typeof body.truncation === 'boolean' ? { truncation: body.truncation } : {}),
  };
}

export function toOpenAiRerank(body: Json, ctx: ResponseContext): Json {
  const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
  return {
    object: 'list',
    results: data.map((r) => {
      const document = typeof r.document === 'string' ? { text: r.document } : requestedDocument(ctx.request, r.index as number);
      return { index: r.index, relevance_score: r.relevance_score, ...(document ? { document } : {}) };
    }),
    model: typeof body.model === 'string' && body.model ? body.model : ctx.model,
    usage: body.usage ?? {},
  };
}

export const voyage: ProviderAdapter = {
  id: 'voyage',
  displayName: 'Voyage AI',
  baseUrl: () => 'https://api.voyageai.com/v1',
  headers: ({ options }) => bearerAuth(options),
  endpoints: {
    embed: { path: () => '/embeddings', request: toVoyageEmbedRequest, response: (body, ctx) => normalizeOpenAiEmbeddingList(body, ctx) },
    rerank: { path: () => '/rerank', request: toVoyageRerankRequest, response: toOpenAiRerank },
  },
  // Voyage answers `{"detail": "…"}` errors, which the shared mapping reads.
  error: (status, body) => unifiedError('voyage', status, body),
};
