import { openAiCompatible } from '../openai-compatible/factory.js';

export const cerebras = openAiCompatible({
  id: 'cerebras',
  displayName: 'Cerebras',
  baseUrl: 'https://api.cerebras.ai/v1',
  endpoints: ['chatComplete', 'complete'],
});
