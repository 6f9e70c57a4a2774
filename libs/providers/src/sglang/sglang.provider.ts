import { openAiCompatible } from '../openai-compatible/factory.js';

/** Self-hosted: no public base URL, so `custom_host` is required (e.g. http://127.0.0.1:30000/v1). */
export const sglang = openAiCompatible({
  id: 'sglang',
  displayName: 'SGLang (self-hosted)',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'complete', 'embed'],
});
