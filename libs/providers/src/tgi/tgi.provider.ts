import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Hugging Face Text Generation Inference (self-hosted, or an Inference Endpoint): its Messages API
 * is OpenAI's chat completions under `/v1`. `custom_host` is required (e.g. http://127.0.0.1:8080/v1).
 */
export const tgi = openAiCompatible({
  id: 'tgi',
  displayName: 'Hugging Face TGI (self-hosted)',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'complete'],
});
