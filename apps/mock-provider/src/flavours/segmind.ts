import { pngImage } from '../binary/png.js';
import { isObject } from '../content.js';
import { sendBinary, sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';

/**
 * Segmind `POST /v1/{model}` with `x-api-key`: JSON in; `base64: true` → `{"image": <base64>}`,
 * otherwise the image bytes (a PNG). Errors are `{"error"}`.
 */

export function segmindError(status: number, message?: string): { error: string } {
  return { error: message ?? (status === 401 ? 'Invalid API key' : `Mock Segmind error ${status}.`) };
}

export function handleSegmind(ctx: RequestContext): void {
  if (ctx.badJson || !isObject(ctx.body)) return sendBody(ctx, 400, segmindError(400, 'Request body must be a JSON object.'));
  const png = pngImage(typeof ctx.body.prompt === 'string' ? ctx.body.prompt : ctx.model);
  if (ctx.body.base64 === true) return sendBody(ctx, 200, { image: png.toString('base64') });
  sendBinary(ctx, 200, png, 'image/png');
}

export const segmindFlavour = { handle: handleSegmind, errorBody: (status: number) => segmindError(status) };
