import type { OutgoingHttpHeaders } from 'node:http';
import { pngBase64 } from '../binary/png.js';
import { countTokens, newId, nowSeconds } from '../content.js';
import { fileField, textFields } from '../multipart.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { missing, openaiError, type Json } from './openai-common.js';

/**
 * OpenAI images: `…/images/generations` (JSON) and `…/images/edits` (multipart with `image` or
 * `image[]` files). `response_format: b64_json` (and every `gpt-image*` model, which only
 * returns base64) answers `data[].b64_json` with a generated PNG; otherwise `data[].url` points at
 * the mock's own `/__mock/files/{name}.png`, so a client can download it.
 */

/** Base URL of this mock as the client reached it, for links back to it. */
export function selfUrl(ctx: RequestContext): string {
  return `http://${ctx.req.headers.host ?? 'localhost'}`;
}

function countOf(n: unknown): number {
  const v = typeof n === 'string' ? Number(n) : n;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? Math.min(v, 10) : 1;
}

function imagesBody(ctx: RequestContext, prompt: string, n: unknown, format: unknown, model: string): Json {
  const gptImage = model.startsWith('gpt-image');
  const b64 = format === 'b64_json' || gptImage;
  const count = countOf(n);
  const data = Array.from({ length: count }, (_, i) =>
    b64 ? { b64_json: pngBase64(`${prompt}#${i}`) } : { url: `${selfUrl(ctx)}/__mock/files/${newId('img-')}.png` },
  );
  const out: Json = { created: nowSeconds(), data };
  if (gptImage) {
    const input = countTokens(prompt);
    out.usage = { total_tokens: input + 272 * count, input_tokens: input, output_tokens: 272 * count, input_tokens_details: { text_tokens: input, image_tokens: 0 } };
  }
  return out;
}

export function imageGeneration(ctx: RequestContext, body: Json, headers: OutgoingHttpHeaders): void {
  if (typeof body.prompt !== 'string') return sendBody(ctx, 400, missing('prompt'), headers);
  sendBody(ctx, 200, imagesBody(ctx, body.prompt, body.n, body.response_format, typeof body.model === 'string' ? body.model : 'dall-e-2'), headers);
}

export function imageEdit(ctx: RequestContext, headers: OutgoingHttpHeaders): void {
  if (!ctx.parts) return sendBody(ctx, 400, notMultipart(ctx), headers);
  const fields = textFields(ctx.parts);
  if (!fileField(ctx.parts, 'image', 'image[]')) return sendBody(ctx, 400, missing('image'), headers);
  if (fields.prompt === undefined) return sendBody(ctx, 400, missing('prompt'), headers);
  sendBody(ctx, 200, imagesBody(ctx, fields.prompt, fields.n, fields.response_format, fields.model ?? 'dall-e-2'), headers);
}

/** OpenAI's answer to an upload endpoint called without a (valid) multipart body. */
export function notMultipart(ctx: RequestContext): Json {
  const type = ctx.req.headers['content-type'] ?? 'none';
  return openaiError(400, `Invalid Content-Type header (${type}), expected multipart/form-data.`, null, null);
}
