import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Modal: OpenAI-compatible servers (vLLM, SGLang…) deployed on Modal. Each deployment has its own
 * URL, so most targets set `custom_host` to it; the default is the reference gateway's.
 */
export const modal = openAiCompatible({
  id: 'modal',
  displayName: 'Modal',
  baseUrl: 'https://api.modal.com/v1',
  endpoints: ['chatComplete', 'complete'],
});
