import type { ProviderOptions } from '../core/types.js';
import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Portkey's hosted gateway as an upstream (the reference accepts `portkey` as a provider id), so a
 * config can fall back to, or load-balance with, a Portkey account. The key is a Portkey API key,
 * sent as `x-portkey-api-key`; the model names its Model Catalog provider (`@openai-prod/gpt-4o`).
 */
export const portkey = openAiCompatible({
  id: 'portkey',
  displayName: 'Portkey (hosted gateway)',
  baseUrl: 'https://api.portkey.ai/v1',
  endpoints: ['chatComplete', 'complete', 'embed', 'imageGenerate', 'createSpeech', 'createTranscription', 'createTranslation', 'moderate', 'responses'],
  auth: (options: ProviderOptions): Record<string, string> => (options.apiKey ? { 'x-portkey-api-key': options.apiKey } : {}),
});
