import type { Json } from '../core/types.js';

/**
 * Stability image responses → OpenAI images, always as `b64_json` (Stability returns image bytes,
 * never URLs). v1 answers `{artifacts: [{base64, seed, finishReason}]}`, v2beta with
 * `accept: application/json` answers `{image, finish_reason, seed}`. Content-filtered images come
 * back blurred with `CONTENT_FILTERED`; they are still images and are returned as such.
 */
export function toOpenAiImages(body: Json, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  let images: string[] = [];
  if (Array.isArray(body.artifacts)) {
    images = (body.artifacts as Json[]).map((a) => a.base64).filter((b): b is string => typeof b === 'string');
  } else if (typeof body.image === 'string') {
    images = [body.image];
  }
  return { created: createdSeconds, data: images.map((b64_json) => ({ b64_json })) };
}
