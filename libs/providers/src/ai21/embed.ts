import type { EndpointAdapter, Json, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { inputTexts, openAiEmbeddingList } from '../shared/openai-embeddings.js';

/**
 * OpenAI embeddings ↔ AI21 `/embed` (https://docs.ai21.com/docs/embeddings-api): `texts` in,
 * `results[].embedding` out. AI21 has one embedding model, so `model` is not sent. Its `type` is
 * `segment` (documents) or `query`; clients may send it as `type` or `input_type` (Cohere's
 * names are understood too). AI21 reports no token counts, so usage is zero.
 */
const TYPES: Record<string, string> = { segment: 'segment', query: 'query', search_document: 'segment', document: 'segment', search_query: 'query' };

export const ai21Embed: EndpointAdapter = {
  path: () => '/embed',
  request: toAi21EmbedRequest,
  response: toOpenAiEmbeddings,
};

export function toAi21EmbedRequest(body: Json): Json {
  const texts = inputTexts(body.input);
  if (!texts) throw new UnsupportedRequestError('ai21 embeddings take a string or an array of strings as input (not token arrays)');
  const requested = body.type ?? body.input_type;
  if (requested !== undefined && (typeof requested !== 'string' || !TYPES[requested])) {
    throw new UnsupportedRequestError(`ai21 embeddings: type must be "segment" or "query" (got ${JSON.stringify(requested)})`);
  }
  return { texts, ...(typeof requested === 'string' ? { type: TYPES[requested] } : {}) };
}

export function toOpenAiEmbeddings(body: Json, ctx: ResponseContext): Json {
  const results = Array.isArray(body.results) ? (body.results as Json[]) : [];
  return openAiEmbeddingList(results.map((r) => r.embedding), ctx);
}
