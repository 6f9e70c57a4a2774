import { openAiCompatible } from '../openai-compatible/factory.js';

export const zAi = openAiCompatible({
  id: 'z-ai',
  displayName: 'Z.ai',
  baseUrl: 'https://api.z.ai/api/paas/v4',
  endpoints: ['chatComplete'],
});
