import { countTokens, DEFAULT_DIMENSIONS, embeddingFor, isObject } from '../content.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { authorized, detailError } from './detail-error.js';

/**
 * Nomic `/v1/embedding/text`: bearer auth, `{model, texts, task_type?, dimensionality?}` in,
 * `{embeddings, usage:{prompt_tokens, total_tokens}, model, inference_mode}` out.
 */

type Json = Record<string, any>;

export function handleNomic(ctx: RequestContext): void {
  if (!authorized(ctx)) return;
  const body: Json = isObject(ctx.body) ? ctx.body : {};
  if (!Array.isArray(body.texts) || !body.texts.every((t: unknown) => typeof t === 'string')) {
    return sendBody(ctx, 400, detailError(400, 'texts must be a list of strings.'));
  }
  const dims = Number.isInteger(body.dimensionality) && body.dimensionality > 0 ? body.dimensionality : DEFAULT_DIMENSIONS;
  const tokens = body.texts.reduce((n: number, t: string) => n + countTokens(t), 0);
  sendBody(ctx, 200, {
    embeddings: body.texts.map((t: string) => embeddingFor(t, dims)),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
    model: ctx.model,
    inference_mode: 'remote',
  });
}

export const nomicFlavour = { handle: handleNomic, errorBody: (status: number) => detailError(status) };
