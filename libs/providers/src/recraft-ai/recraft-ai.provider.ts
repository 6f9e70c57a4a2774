import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Recraft (external.api.recraft.ai/v1): its image generation API is OpenAI's
 * (`/images/generations`, `response_format` url or b64_json, `size`, `n`), plus Recraft's own
 * `style`, `substyle`, `controls`…, which are forwarded. Answers pass through untouched (they
 * carry Recraft's extra `credits` and `image_id` fields).
 */
export const recraftAi = openAiCompatible({
  id: 'recraft-ai',
  displayName: 'Recraft',
  baseUrl: 'https://external.api.recraft.ai/v1',
  endpoints: ['imageGenerate'],
});
