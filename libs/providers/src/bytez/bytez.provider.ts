import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Bytez: its OpenAI-compliant endpoint (`/models/v2/openai/v1`), which takes any of its models by
 * id (`Qwen/Qwen3-1.7B`, `openai/gpt-4o`…), rather than the per-model native API.
 */
export const bytez = openAiCompatible({
  id: 'bytez',
  displayName: 'Bytez',
  baseUrl: 'https://api.bytez.com/models/v2/openai/v1',
  endpoints: ['chatComplete'],
});
