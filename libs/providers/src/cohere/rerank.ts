import type { EndpointAdapter, Json, ResponseContext } from '../core/types.js';
import { documentTexts, requestedDocument, requireQuery } from '../shared/openai-rerank.js';

/**
 * Rerank ↔ Cohere v2 `/v2/rerank`. v2 takes documents as strings only (structured documents are
 * to be flattened by the caller; objects with `text` give their text, others their JSON) and no
 * longer returns documents, so when the client asks `return_documents: true` they are filled in
 * from its own request. Usage is Cohere's billed search units.
 */
export const cohereRerank: EndpointAdapter = {
  path: () => '/v2/rerank',
  request: toCohereRerankRequest,
  response: toOpenAiRerank,
};

export function toCohereRerankRequest(body: Json): Json {
  return {
    model: body.model,
    query: requireQuery(body, 'cohere'),
    documents: documentTexts(body.documents, 'cohere'),
    ...(typeof body.top_n === 'number' ? { top_n: body.top_n } : {}),
    ...(typeof body.max_tokens_per_doc === 'number' ? { max_tokens_per_doc: body.max_tokens_per_doc } : {}),
  };
}

export function toOpenAiRerank(body: Json, ctx: ResponseContext): Json {
  const results = Array.isArray(body.results) ? (body.results as Json[]) : [];
  const billed = ((body.meta as Json | undefined)?.billed_units ?? {}) as Json;
  return {
    object: 'list',
    ...(typeof body.id === 'string' ? { id: body.id } : {}),
    results: results.map((r) => {
      const document = requestedDocument(ctx.request, r.index as number);
      return { index: r.index, relevance_score: r.relevance_score, ...(document ? { document } : {}) };
    }),
    model: ctx.model,
    usage: typeof billed.search_units === 'number' ? { search_units: billed.search_units } : {},
  };
}
