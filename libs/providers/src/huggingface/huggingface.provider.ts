import type { ProviderAdapter, ProviderOptions } from '../core/types.js';
import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Hugging Face: the Inference Providers router (router.huggingface.co/v1, OpenAI-compatible), or
 * one's own Inference Endpoint / TGI server via `huggingfaceBaseUrl` (header
 * `x-portkey-huggingface-base-url`). Those servers mount the OpenAI API under `/v1`, and their URL
 * is usually copied without it, so `/v1` is added when missing; paths stay `/chat/completions`
 * and `/completions` either way. The router itself only documents chat completions; completions
 * are there for dedicated endpoints.
 */
export const HUGGINGFACE_ROUTER_URL = 'https://router.huggingface.co/v1';

export function huggingfaceBaseUrl(options: ProviderOptions): string {
  const custom = options.huggingfaceBaseUrl;
  if (typeof custom !== 'string' || !custom.trim()) return HUGGINGFACE_ROUTER_URL;
  const trimmed = custom.trim().replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

const base = openAiCompatible({
  id: 'huggingface',
  displayName: 'Hugging Face',
  baseUrl: HUGGINGFACE_ROUTER_URL,
  endpoints: ['chatComplete', 'complete'],
});

export const huggingface: ProviderAdapter = { ...base, baseUrl: huggingfaceBaseUrl };
