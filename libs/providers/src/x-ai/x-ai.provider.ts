import { openAiCompatible } from '../openai-compatible/factory.js';

export const xAi = openAiCompatible({
  id: 'x-ai',
  displayName: 'xAI',
  baseUrl: 'https://api.x.ai/v1',
  endpoints: ['chatComplete', 'complete', 'embed'],
});
