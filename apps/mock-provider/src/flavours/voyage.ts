import { isObject } from '../content.js';
import { rankDocuments, rerankTokens } from '../rerank.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { authorized, detailError } from './detail-error.js';

/**
 * Voyage `/v1/rerank` (told apart from Jina's by `top_k` or a Voyage model name): bearer auth,
 * `{object:'list', data:[{relevance_score, index, document?}], model, usage:{total_tokens}}`.
 */

type Json = Record<string, any>;

export function handleVoyage(ctx: RequestContext): void {
  if (!authorized(ctx)) return;
  const body: Json = isObject(ctx.body) ? ctx.body : {};
  if (typeof body.query !== 'string' || !Array.isArray(body.documents) || !body.documents.every((d: unknown) => typeof d === 'string')) {
    return sendBody(ctx, 400, detailError(400, 'query (string) and documents (list of strings) are required.'));
  }
  const data = rankDocuments(body.query, body.documents, body.top_k).map((r) => {
    const out: Json = { relevance_score: r.relevance_score, index: r.index };
    if (body.return_documents === true) out.document = r.text;
    return out;
  });
  sendBody(ctx, 200, { object: 'list', data, model: ctx.model, usage: { total_tokens: rerankTokens(body.query, body.documents) } });
}

export const voyageFlavour = { handle: handleVoyage, errorBody: (status: number) => detailError(status) };
