import { openAiCompatible } from '../openai-compatible/factory.js';

export const rekaAi = openAiCompatible({
  id: 'reka-ai',
  displayName: 'Reka',
  baseUrl: 'https://api.reka.ai/v1',
  endpoints: ['chatComplete'],
});
