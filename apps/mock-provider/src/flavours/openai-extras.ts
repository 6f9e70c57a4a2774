import type { OutgoingHttpHeaders } from 'node:http';
import { newId, textOf } from '../content.js';
import { rankDocuments, rerankTokens } from '../rerank.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { missing, openaiError, type Json } from './openai-common.js';

/**
 * OpenAI moderations, and the `…/rerank` endpoint OpenAI-compatible hosts (Jina, vLLM, …) share:
 * `{model, usage: {total_tokens}, results: [{index, relevance_score, document?}]}`.
 */

const CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];

/** Text mentioning "kill" or "attack" is flagged for violence; everything else passes. */
const VIOLENT = /\b(kill|attack)\b/i;

function moderationResult(text: string): Json {
  const violent = VIOLENT.test(text);
  const categories: Json = {};
  const scores: Json = {};
  const applied: Json = {};
  for (const c of CATEGORIES) {
    categories[c] = violent && c === 'violence';
    scores[c] = violent && c === 'violence' ? 0.9 : 0.0001;
    applied[c] = ['text'];
  }
  return { flagged: violent, categories, category_scores: scores, category_applied_input_types: applied };
}

export function moderation(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  const input = body.input;
  let texts: string[];
  if (typeof input === 'string') texts = [input];
  else if (Array.isArray(input) && input.every((x) => typeof x === 'string')) texts = input;
  else if (Array.isArray(input)) texts = [textOf(input)]; // multimodal parts: one result
  else return sendBody(ctx, 400, missing('input'), headers);
  const model = typeof body.model === 'string' ? body.model : 'omni-moderation-latest';
  sendBody(ctx, 200, { id: newId('modr-'), model, results: texts.map(moderationResult) }, headers);
}

export function rerank(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (typeof body.query !== 'string') return sendBody(ctx, 400, missing('query'), headers);
  if (!Array.isArray(body.documents)) return sendBody(ctx, 400, missing('documents'), headers);
  if (body.documents.length === 0) return sendBody(ctx, 400, openaiError(400, "'documents' must not be empty.", 'documents', null), headers);
  const results = rankDocuments(body.query, body.documents, body.top_n).map((r) => {
    const out: Json = { index: r.index, relevance_score: r.relevance_score };
    if (body.return_documents === true) out.document = { text: r.text };
    return out;
  });
  sendBody(ctx, 200, { model: ctx.model, usage: { total_tokens: rerankTokens(body.query, body.documents) }, results }, headers);
}
