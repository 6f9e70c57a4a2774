import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * The gateway's rerank format is the Cohere/Jina one clients already speak:
 * request `{model, query, documents, top_n?, return_documents?}`, response
 * `{object: 'list', results: [{index, relevance_score, document?: {text}}], model, usage}`.
 * Shared by the rerank adapters (Cohere, Voyage, Jina); like `openai-embeddings.ts`, a candidate
 * for `shared/`.
 */

/** Documents as plain strings: `{text}` objects give their text, other objects their JSON. */
export function documentTexts(documents: unknown, provider: string): string[] {
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new UnsupportedRequestError(`${provider} rerank needs a non-empty documents array`);
  }
  return documents.map((doc) => {
    if (typeof doc === 'string') return doc;
    if (doc && typeof doc === 'object') {
      const text = (doc as Json).text;
      return typeof text === 'string' ? text : JSON.stringify(doc);
    }
    throw new UnsupportedRequestError(`${provider} rerank documents must be strings or objects`);
  });
}

export function requireQuery(body: Json, provider: string): string {
  if (typeof body.query !== 'string' || !body.query) throw new UnsupportedRequestError(`${provider} rerank needs a query string`);
  return body.query;
}

/**
 * A document for a result when the client asked for them (`return_documents: true`) and the
 * provider did not send it back: taken from the client's own request, by index.
 */
export function requestedDocument(request: Json | undefined, index: number): Json | undefined {
  if (request?.return_documents !== true || !Array.isArray(request.documents)) return undefined;
  const doc: unknown = request.documents[index];
  if (typeof doc === 'string') return { text: doc };
  return doc && typeof doc === 'object' ? (doc as Json) : undefined;
}
