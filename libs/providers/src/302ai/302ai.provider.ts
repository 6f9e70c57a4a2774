import { openAiCompatible } from '../openai-compatible/factory.js';

export const ai302 = openAiCompatible({
  id: '302ai',
  displayName: '302.AI',
  baseUrl: 'https://api.302.ai/v1',
  endpoints: ['chatComplete'],
});
