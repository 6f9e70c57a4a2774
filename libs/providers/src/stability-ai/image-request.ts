import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * Which Stability API a model lives on. Stable Image (Ultra, Core) and Stable Diffusion 3.x are
 * served by the v2beta `stable-image/generate/{ultra|core|sd3}` endpoints; anything else is taken
 * as a v1 engine id (`stable-diffusion-xl-1024-v1-0`, `stable-diffusion-v1-6`, …).
 */
export type StabilityRoute = { api: 'v1'; engine: string } | { api: 'v2beta'; service: 'ultra' | 'core' | 'sd3'; model?: string };

const V2_SERVICES: Record<string, 'ultra' | 'core' | 'sd3'> = {
  'stable-image-ultra': 'ultra',
  ultra: 'ultra',
  'stable-image-core': 'core',
  core: 'core',
  sd3: 'sd3',
};

export function stabilityRoute(body: Json): StabilityRoute {
  const model = typeof body.model === 'string' ? body.model.trim() : '';
  if (!model) throw new UnsupportedRequestError('stability-ai: model is required (a v1 engine id, sd3.5-large, stable-image-core, stable-image-ultra, …)');
  const service = V2_SERVICES[model];
  if (service) return { api: 'v2beta', service };
  // The SD3 family shares one endpoint and is told apart by its `model` form field.
  if (/^sd3(\.\d+)?-/.test(model)) return { api: 'v2beta', service: 'sd3', model };
  return { api: 'v1', engine: model };
}

export function stabilityPath(body: Json): string {
  const route = stabilityRoute(body);
  return route.api === 'v1' ? `/v1/generation/${encodeURIComponent(route.engine)}/text-to-image` : `/v2beta/stable-image/generate/${route.service}`;
}

/** v1 engine parameters a client may send as they are. */
const V1_EXTRAS = ['cfg_scale', 'steps', 'seed', 'sampler', 'style_preset', 'clip_guidance_preset'] as const;
/** v2beta form fields a client may send as they are (`cfg_scale` and `mode` are SD3's). */
const V2_EXTRAS = ['seed', 'style_preset', 'cfg_scale'] as const;

/**
 * OpenAI image request → Stability. v1: `text_prompts` (the negative prompt as a weight −1
 * prompt), `width`/`height` from `size`, `samples` from `n`. v2beta: flat form fields (sent as
 * multipart, see multipart.ts); `size` becomes the nearest supported `aspect_ratio`, and one image
 * is made per request, so `n > 1` is refused.
 */
export function toStabilityImageRequest(body: Json): Json {
  const prompt = body.prompt;
  if (typeof prompt !== 'string' || !prompt) throw new UnsupportedRequestError('stability-ai: prompt is required');
  const route = stabilityRoute(body);
  const negative = typeof body.negative_prompt === 'string' && body.negative_prompt ? body.negative_prompt : undefined;

  if (route.api === 'v1') {
    const out: Json = { text_prompts: [{ text: prompt, weight: 1 }, ...(negative ? [{ text: negative, weight: -1 }] : [])] };
    const size = parseSize(body.size);
    if (size) Object.assign(out, size);
    if (typeof body.n === 'number') out.samples = body.n;
    for (const key of V1_EXTRAS) if (body[key] !== undefined) out[key] = body[key];
    return out;
  }

  if (typeof body.n === 'number' && body.n > 1) throw new UnsupportedRequestError('stability-ai: Stable Image and SD3 make one image per request (n must be 1)');
  const out: Json = { prompt };
  if (negative) out.negative_prompt = negative;
  const aspect = typeof body.aspect_ratio === 'string' ? body.aspect_ratio : aspectRatio(parseSize(body.size));
  if (aspect) out.aspect_ratio = aspect;
  out.output_format = typeof body.output_format === 'string' ? body.output_format : 'png';
  if (route.model) out.model = route.model;
  for (const key of V2_EXTRAS) if (body[key] !== undefined) out[key] = body[key];
  return out;
}

/** `"1024x768"` → `{width: 1024, height: 768}`; `"auto"`, absent or malformed sizes give nothing. */
export function parseSize(size: unknown): { width: number; height: number } | undefined {
  if (typeof size !== 'string') return undefined;
  const match = /^(\d+)x(\d+)$/.exec(size.trim());
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

const ASPECT_RATIOS = ['21:9', '16:9', '3:2', '5:4', '1:1', '4:5', '2:3', '9:16', '9:21'];

/** The supported aspect ratio closest to a size, compared on a log scale so 2:1 and 1:2 weigh alike. */
export function aspectRatio(size: { width: number; height: number } | undefined): string | undefined {
  if (!size || size.width <= 0 || size.height <= 0) return undefined;
  const target = Math.log(size.width / size.height);
  let best = ASPECT_RATIOS[0];
  for (const ratio of ASPECT_RATIOS) {
    const [w, h] = ratio.split(':').map(Number);
    const [bw, bh] = best.split(':').map(Number);
    if (Math.abs(Math.log(w / h) - target) < Math.abs(Math.log(bw / bh) - target)) best = ratio;
  }
  return best;
}
