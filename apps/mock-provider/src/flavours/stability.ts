import { pngBase64, pngImage } from '../binary/png.js';
import { isObject, newId } from '../content.js';
import { textFields } from '../multipart.js';
import { sendBinary, sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { hasBearer } from './openai-common.js';

/**
 * Stability AI. v1 `/v1/generation/{engine}/text-to-image`: JSON in, `{artifacts:[{base64,
 * finishReason, seed}]}` out (raw PNG with `accept: image/png`). v2beta
 * `/v2beta/stable-image/generate/{sd3|core|ultra}`: multipart in; `accept: application/json` →
 * `{image, finish_reason, seed}`, otherwise the PNG bytes with `finish-reason` and `seed` headers.
 */

type Json = Record<string, any>;

const DEFAULT_SEED = 42;

export function stabilityError(status: number, message?: string): Json {
  const name = status === 401 ? 'unauthorized' : status === 403 ? 'permission_denied' : status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'internal_error' : 'bad_request';
  return { id: newId(''), name, message: message ?? `Mock Stability error ${status}.`, errors: [message ?? `Mock Stability error ${status}.`] };
}

function seedOf(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : DEFAULT_SEED;
}

export function handleStability(ctx: RequestContext): void {
  if (!hasBearer(ctx.req.headers.authorization)) return sendBody(ctx, 401, stabilityError(401, 'authorization: missing or invalid bearer token'));
  const accept = String(ctx.req.headers.accept ?? '');
  if (ctx.route.endpoint === 'text_to_image') {
    if (!isObject(ctx.body) || !Array.isArray(ctx.body.text_prompts) || ctx.body.text_prompts.length === 0) {
      return sendBody(ctx, 400, stabilityError(400, 'text_prompts: cannot be blank'));
    }
    const prompt = ctx.body.text_prompts.map((p: unknown) => (isObject(p) ? String(p.text ?? '') : '')).join(' ');
    const seed = seedOf(ctx.body.seed);
    if (accept.startsWith('image/png')) return sendBinary(ctx, 200, pngImage(prompt), 'image/png', { 'finish-reason': 'SUCCESS', seed: String(seed) });
    const samples = Number.isInteger(ctx.body.samples) && ctx.body.samples > 0 ? Math.min(ctx.body.samples, 4) : 1;
    const artifacts = Array.from({ length: samples }, (_, i) => ({ base64: pngBase64(`${prompt}#${i}`), finishReason: 'SUCCESS', seed: seed + i }));
    return sendBody(ctx, 200, { artifacts });
  }
  if (!ctx.parts) return sendBody(ctx, 400, stabilityError(400, 'content-type: must be multipart/form-data'));
  const fields = textFields(ctx.parts);
  if (!fields.prompt) return sendBody(ctx, 400, stabilityError(400, 'prompt: cannot be blank'));
  const seed = seedOf(fields.seed);
  const png = pngImage(fields.prompt);
  if (accept.includes('application/json')) return sendBody(ctx, 200, { image: png.toString('base64'), finish_reason: 'SUCCESS', seed });
  sendBinary(ctx, 200, png, 'image/png', { 'finish-reason': 'SUCCESS', seed: String(seed) });
}

export const stabilityFlavour = { handle: handleStability, errorBody: (status: number) => stabilityError(status) };
