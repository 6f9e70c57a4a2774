import { countTokens, isObject } from './content.js';

/**
 * Deterministic reranking shared by the OpenAI/Jina, Voyage and Cohere flavours: a document scores
 * by how many distinct query words it contains, so tests can predict the order (ties keep input
 * order). Tokens follow the usual one-per-word rule, counted as rerankers bill: the query once per
 * document plus every document.
 */

export interface Ranked {
  index: number;
  relevance_score: number;
  /** The document's text (strings as-is, `{text}` objects by their text, others as JSON). */
  text: string;
}

export function documentText(doc: unknown): string {
  if (typeof doc === 'string') return doc;
  if (isObject(doc) && typeof doc.text === 'string') return doc.text;
  return JSON.stringify(doc);
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Ranked documents, best first, cut to `top` when it is a positive integer. */
export function rankDocuments(query: string, documents: unknown[], top?: unknown): Ranked[] {
  const q = words(query);
  const ranked = documents.map((doc, index) => {
    const text = documentText(doc);
    let hits = 0;
    for (const w of words(text)) if (q.has(w)) hits++;
    const score = Math.round((0.05 + (0.9 * hits) / Math.max(1, q.size)) * 1e6) / 1e6;
    return { index, relevance_score: score, text };
  });
  ranked.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  return typeof top === 'number' && Number.isInteger(top) && top > 0 ? ranked.slice(0, top) : ranked;
}

export function rerankTokens(query: string, documents: unknown[]): number {
  let n = 0;
  for (const d of documents) n += countTokens(query) + countTokens(documentText(d));
  return n;
}
