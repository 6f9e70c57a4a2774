import type { OutgoingHttpHeaders } from 'node:http';
import { countTokens, DEFAULT_DIMENSIONS, embeddingBase64, embeddingFor, newId, replyText, splitText, truncateTokens } from '../content.js';
import { rankDocuments, rerankTokens } from '../rerank.js';
import { sendBody, sendStream } from '../respond.js';
import type { RequestContext } from '../types.js';
import { cohereError } from './cohere-common.js';

/**
 * Cohere v2 `/v2/embed` (`embeddings.float`, plus `base64` when asked), `/v2/rerank`, and the
 * legacy `/v1/generate` (JSON, or NDJSON text-generation … stream-end when streaming).
 */

type Json = Record<string, any>;

const API_VERSION = { version: '2', is_experimental: false };

export function cohereEmbed(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  const texts: unknown = body.texts;
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) {
    return sendBody(ctx, 400, cohereError(400, 'invalid request: texts must be a list of strings'), headers);
  }
  const dims = Number.isInteger(body.output_dimension) && body.output_dimension > 0 ? body.output_dimension : DEFAULT_DIMENSIONS;
  const types: string[] = Array.isArray(body.embedding_types) && body.embedding_types.length ? body.embedding_types : ['float'];
  const vectors = texts.map((t: string) => embeddingFor(t, dims));
  const embeddings: Json = {};
  for (const type of types) {
    if (type === 'float') embeddings.float = vectors;
    else if (type === 'base64') embeddings.base64 = vectors.map(embeddingBase64);
  }
  let tokens = 0;
  for (const t of texts) tokens += countTokens(t);
  sendBody(ctx, 200, { id: newId(''), embeddings, texts, meta: { api_version: API_VERSION, billed_units: { input_tokens: tokens } }, response_type: 'embeddings_by_type' }, headers);
}

export function cohereRerank(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (typeof body.query !== 'string' || !Array.isArray(body.documents)) {
    return sendBody(ctx, 400, cohereError(400, 'invalid request: query and documents must be specified'), headers);
  }
  const results = rankDocuments(body.query, body.documents, body.top_n).map((r) => ({ index: r.index, relevance_score: r.relevance_score }));
  sendBody(
    ctx,
    200,
    { id: newId(''), results, meta: { api_version: API_VERSION, billed_units: { search_units: 1 }, tokens: { input_tokens: rerankTokens(body.query, body.documents) } } },
    headers,
  );
}

export function cohereGenerate(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (typeof body.prompt !== 'string') return sendBody(ctx, 400, cohereError(400, 'invalid request: prompt must be specified'), headers);
  let text = replyText('cohere', body.prompt);
  let finish = 'COMPLETE';
  if (typeof body.max_tokens === 'number' && countTokens(text) > body.max_tokens) {
    text = truncateTokens(text, body.max_tokens);
    finish = 'MAX_TOKENS';
  }
  const response = {
    id: newId(''),
    generations: [{ id: newId(''), text, finish_reason: finish }],
    prompt: body.prompt,
    meta: { api_version: { version: '1' }, billed_units: { input_tokens: countTokens(body.prompt), output_tokens: countTokens(text) } },
  };
  if (body.stream !== true) return sendBody(ctx, 200, response, headers);
  const line = (o: Json): string => `${JSON.stringify(o)}\n`;
  const frames = splitText(text).map((piece) => line({ is_finished: false, event_type: 'text-generation', text: piece }));
  frames.push(line({ is_finished: true, event_type: 'stream-end', finish_reason: finish, response }));
  sendStream(ctx, frames, {
    contentType: 'application/stream+json',
    headers,
    errorFrame: () => line(ctx.step?.body !== undefined ? (ctx.step.body as Json) : { is_finished: true, event_type: 'stream-error', finish_reason: 'ERROR', err: 'internal server error' }),
  });
}
