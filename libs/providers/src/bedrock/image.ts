import type { EndpointAdapter, Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { isObject } from './converse-common.js';
import { bedrockModel, foundationModelId, modelPath } from './model.js';

/**
 * OpenAI image generation ↔ Bedrock InvokeModel. Each family has its own body:
 *
 * - Amazon Titan Image Generator and Nova Canvas: `{taskType:'TEXT_IMAGE', textToImageParams,
 *   imageGenerationConfig}` → `{images: [b64]}`;
 * - Stability Stable Image / SD3 (`stability.sd3-*`, `stability.stable-image-*`):
 *   `{prompt, aspect_ratio, …}` → `{images: [b64], seeds, finish_reasons}`, one image per call;
 * - Stability SDXL (`stability.stable-diffusion-xl-v1`): `{text_prompts, …}` → `{artifacts}`.
 *
 * Images always come back as `b64_json`: Bedrock returns bytes, never URLs, and the gateway does
 * not host files. Model-specific extras (negative_prompt, seed, cfg_scale, style_preset…) are read
 * from the body when given.
 */
type Family = 'titan' | 'stability' | 'sdxl';

function family(body: Json): Family {
  const id = foundationModelId(bedrockModel(body));
  if (id.startsWith('amazon.titan-image') || id.startsWith('amazon.nova-canvas')) return 'titan';
  if (id.startsWith('stability.stable-diffusion-xl')) return 'sdxl';
  if (id.startsWith('stability.')) return 'stability';
  throw new UnsupportedRequestError(`bedrock: image generation is supported for Amazon Titan Image / Nova Canvas and Stability models, not "${bedrockModel(body)}"`);
}

function prompt(body: Json): string {
  if (typeof body.prompt !== 'string' || !body.prompt) throw new UnsupportedRequestError('bedrock: prompt is required');
  return body.prompt;
}

/** OpenAI's `size` is "WIDTHxHEIGHT". */
function size(body: Json): { width: number; height: number } | undefined {
  const match = typeof body.size === 'string' ? /^(\d+)x(\d+)$/.exec(body.size) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

const STABILITY_RATIOS = ['1:1', '16:9', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'];

/** Stability takes an aspect ratio, not pixels: the size is reduced to one of its ratios, if it is one. */
function aspectRatio(body: Json): string | undefined {
  if (typeof body.aspect_ratio === 'string') return body.aspect_ratio;
  const s = size(body);
  if (!s) return undefined;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(s.width, s.height);
  const ratio = `${s.width / d}:${s.height / d}`;
  if (!STABILITY_RATIOS.includes(ratio)) throw new UnsupportedRequestError(`bedrock: size ${String(body.size)} is not a Stability aspect ratio (${STABILITY_RATIOS.join(', ')})`);
  return ratio;
}

export function toBedrockImageRequest(body: Json): Json {
  const text = prompt(body);
  const n = typeof body.n === 'number' ? body.n : 1;
  const s = size(body);
  const seed = typeof body.seed === 'number' ? { seed: body.seed } : {};
  const negative = typeof body.negative_prompt === 'string' ? body.negative_prompt : undefined;
  switch (family(body)) {
    case 'titan':
      return {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text, ...(negative ? { negativeText: negative } : {}) },
        imageGenerationConfig: {
          numberOfImages: n,
          // OpenAI's "hd" is the higher of Titan's two qualities.
          quality: body.quality === 'hd' || body.quality === 'high' ? 'premium' : 'standard',
          ...(s ? { width: s.width, height: s.height } : {}),
          ...(typeof body.cfg_scale === 'number' ? { cfgScale: body.cfg_scale } : {}),
          ...seed,
        },
      };
    case 'stability': {
      if (n !== 1) throw new UnsupportedRequestError('bedrock: Stability models generate one image per request (n must be 1)');
      const ratio = aspectRatio(body);
      return {
        prompt: text,
        ...(negative ? { negative_prompt: negative } : {}),
        ...(ratio ? { aspect_ratio: ratio } : {}),
        ...(typeof body.output_format === 'string' ? { output_format: body.output_format } : {}),
        ...seed,
      };
    }
    case 'sdxl':
      return {
        text_prompts: [{ text, weight: 1 }, ...(negative ? [{ text: negative, weight: -1 }] : [])],
        samples: n,
        ...(s ? { width: s.width, height: s.height } : {}),
        ...(typeof body.cfg_scale === 'number' ? { cfg_scale: body.cfg_scale } : {}),
        ...(typeof body.steps === 'number' ? { steps: body.steps } : {}),
        ...(typeof body.style_preset === 'string' ? { style_preset: body.style_preset } : {}),
        ...seed,
      };
  }
}

export function toOpenAiImageResponse(body: Json, createdSeconds: number = Math.floor(Date.now() / 1000)): Json {
  const images: string[] = Array.isArray(body.images)
    ? body.images.filter((i): i is string => typeof i === 'string')
    : Array.isArray(body.artifacts)
      ? body.artifacts.filter(isObject).flatMap((a) => (typeof a.base64 === 'string' ? [a.base64] : []))
      : [];
  return { created: createdSeconds, data: images.map((b64_json) => ({ b64_json })) };
}

export const bedrockImageGenerate: EndpointAdapter = {
  path: (body) => modelPath(body, 'invoke'),
  request: (body) => toBedrockImageRequest(body),
  response: (body) => toOpenAiImageResponse(body),
};
