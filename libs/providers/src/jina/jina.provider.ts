import type { Json, ProviderAdapter, ResponseContext } from '../core/types.js';
import { normalizeOpenAiEmbeddingList } from '../shared/openai-embeddings.js';
import { requestedDocument } from '../shared/openai-rerank.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Jina AI (api.jina.ai/v1): embeddings and rerank, both close to the formats the gateway speaks.
 *
 * Embeddings: Jina's answer is OpenAI's list, but it encodes with its own `embedding_type`
 * (float, base64, binary, ubinary), not OpenAI's `encoding_format`. Floats are always asked for
 * and encoded here when the client wants base64 (the OpenAI SDK default), so the bytes are the
 * float32 the SDK decodes. Jina's own fields (`task`, `late_chunking`, `dimensions`, image
 * inputs…) are forwarded; a client naming its own `embedding_type` gets Jina's answer unchanged.
 *
 * Rerank: Jina's API is the one the gateway's rerank format follows; the answer only gains
 * `object: "list"`.
 */
export function toJinaEmbedRequest(body: Json): Json {
  const { encoding_format: _format, ...rest } = body;
  return {
    ...rest,
    input: typeof body.input === 'string' ? [body.input] : body.input,
    embedding_type: typeof body.embedding_type === 'string' ? body.embedding_type : 'float',
  };
}

export function toOpenAiEmbeddings(body: Json, ctx: ResponseContext): Json {
  if (typeof ctx.request?.embedding_type === 'string' && ctx.request.embedding_type !== 'float') return body;
  return normalizeOpenAiEmbeddingList(body, ctx);
}

export function toOpenAiRerank(body: Json, ctx: ResponseContext): Json {
  const results = Array.isArray(body.results) ? (body.results as Json[]) : [];
  return {
    object: 'list',
    results: results.map((r) => {
      const document = r.document ?? requestedDocument(ctx.request, r.index as number);
      return { index: r.index, relevance_score: r.relevance_score, ...(document ? { document } : {}) };
    }),
    model: typeof body.model === 'string' && body.model ? body.model : ctx.model,
    usage: body.usage ?? {},
  };
}

export const jina: ProviderAdapter = {
  id: 'jina',
  displayName: 'Jina AI',
  baseUrl: () => 'https://api.jina.ai/v1',
  headers: ({ options }) => bearerAuth(options),
  endpoints: {
    embed: { path: () => '/embeddings', request: toJinaEmbedRequest, response: toOpenAiEmbeddings },
    // The request is already Jina's format and is forwarded whole.
    rerank: { path: () => '/rerank', response: toOpenAiRerank },
  },
  // Jina answers `{"detail": "…"}` errors, which the shared mapping reads.
  error: (status, body) => unifiedError('jina', status, body),
};
