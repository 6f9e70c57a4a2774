import type { Json, ProviderAdapter } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Segmind (api.segmind.com/v1): one endpoint per model, `POST /{model}` with the model's own JSON
 * inputs and an `x-api-key` header. OpenAI's image fields are mapped onto the common Stable
 * Diffusion inputs (`samples`, `img_width`/`img_height`); every other field the client sends is
 * forwarded, since each model documents its own (scheduler, num_inference_steps, seed…).
 * `base64: true` makes Segmind answer JSON with base64 images instead of image bytes, so the
 * answer is always OpenAI's `b64_json`.
 */
const OPENAI_ONLY = new Set(['model', 'n', 'size', 'response_format', 'quality', 'style', 'user', 'output_format', 'background', 'moderation']);

export function segmindPath(body: Json): string {
  if (typeof body.model !== 'string' || !body.model.trim()) throw new UnsupportedRequestError('segmind: model is required (the Segmind model slug, e.g. sdxl1.0-txt2img)');
  return `/${encodeURIComponent(body.model.trim())}`;
}

export function toSegmindRequest(body: Json): Json {
  if (typeof body.prompt !== 'string' || !body.prompt) throw new UnsupportedRequestError('segmind: prompt is required');
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) if (!OPENAI_ONLY.has(key)) out[key] = value;
  if (typeof body.n === 'number') out.samples = body.n;
  const size = typeof body.size === 'string' ? /^(\d+)x(\d+)$/.exec(body.size.trim()) : null;
  if (size) {
    out.img_width = Number(size[1]);
    out.img_height = Number(size[2]);
  }
  out.base64 = true;
  return out;
}

/** `{image: "<base64>"}` from most models; some answer a list, as `image` or `images`. */
export function toOpenAiImages(body: Json, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  const raw = body.images ?? body.image;
  const images = (Array.isArray(raw) ? raw : [raw]).filter((i): i is string => typeof i === 'string' && i.length > 0);
  return { created: createdSeconds, data: images.map((b64_json) => ({ b64_json })) };
}

export const segmind: ProviderAdapter = {
  id: 'segmind',
  displayName: 'Segmind',
  baseUrl: () => 'https://api.segmind.com/v1',
  headers: ({ options }): Record<string, string> => (options.apiKey ? { 'x-api-key': options.apiKey } : {}),
  endpoints: {
    imageGenerate: { path: segmindPath, request: toSegmindRequest, response: (body) => toOpenAiImages(body) },
  },
  // Segmind answers `{"error": "…"}` (or plain text), which the shared mapping reads.
  error: (status, body) => unifiedError('segmind', status, body),
};
