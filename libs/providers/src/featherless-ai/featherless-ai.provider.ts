import { openAiCompatible } from '../openai-compatible/factory.js';

export const featherlessAi = openAiCompatible({
  id: 'featherless-ai',
  displayName: 'Featherless AI',
  baseUrl: 'https://api.featherless.ai/v1',
  endpoints: ['chatComplete', 'complete'],
});
