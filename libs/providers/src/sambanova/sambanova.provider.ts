import { openAiCompatible } from '../openai-compatible/factory.js';

export const sambanova = openAiCompatible({
  id: 'sambanova',
  displayName: 'SambaNova',
  baseUrl: 'https://api.sambanova.ai/v1',
  endpoints: ['chatComplete'],
});
