import type { EndpointAdapter, Json, ProviderAdapter, TransformContext } from '../core/types.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { stabilityError } from './error.js';
import { stabilityPath, toStabilityImageRequest } from './image-request.js';
import { toOpenAiImages } from './image-response.js';
import { type EncodedBody, encodeMultipart } from './multipart.js';

/**
 * The wire encoding of a Stability request body: v1 engines take JSON (undefined: the gateway's
 * usual JSON), v2beta endpoints only accept `multipart/form-data`. The two are told apart by the
 * body `request()` built: only v1 bodies have `text_prompts`.

 */
export function stabilityEncode(body: Json, _ctx?: TransformContext): EncodedBody | undefined {
  return Array.isArray(body.text_prompts) ? undefined : encodeMultipart(body);
}

export const stabilityImageGenerate: EndpointAdapter = {
  path: (body) => stabilityPath(body),
  request: (body) => toStabilityImageRequest(body),
  encode: stabilityEncode,
  response: (body) => toOpenAiImages(body),
};

/** Optional Stability client-identification headers (the reference's x-portkey-stability-* headers). */
const CLIENT_HEADERS = [
  ['stabilityClientId', 'stability-client-id'],
  ['stabilityClientUserId', 'stability-client-user-id'],
  ['stabilityClientVersion', 'stability-client-version'],
] as const;

/**
 * Stability AI (api.stability.ai): text-to-image on v1 engines and on the v2beta Stable Image / SD3
 * endpoints, always answered as OpenAI images with `b64_json`. `accept: application/json` makes
 * both APIs answer JSON with base64 images instead of raw image bytes.
 */
export const stabilityAi: ProviderAdapter = {
  id: 'stability-ai',
  displayName: 'Stability AI',
  baseUrl: () => 'https://api.stability.ai',
  headers: ({ options }) => {
    const headers: Record<string, string> = { ...bearerAuth(options), accept: 'application/json' };
    for (const [option, header] of CLIENT_HEADERS) {
      const value = options[option];
      if (typeof value === 'string' && value) headers[header] = value;
    }
    return headers;
  },
  endpoints: { imageGenerate: stabilityImageGenerate },
  error: (status, body) => stabilityError(status, body),
};
