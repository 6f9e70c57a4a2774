import { openAiCompatible } from '../openai-compatible/factory.js';

export const togetherAi = openAiCompatible({
  id: 'together-ai',
  displayName: 'Together AI',
  baseUrl: 'https://api.together.xyz',
  endpoints: ['chatComplete', 'complete', 'embed', 'imageGenerate'],
  paths: { chatComplete: '/v1/chat/completions', complete: '/v1/completions', embed: '/v1/embeddings', imageGenerate: '/v1/images/generations' },
});
