import { openAiCompatible } from '../openai-compatible/factory.js';

export const lambda = openAiCompatible({
  id: 'lambda',
  displayName: 'Lambda',
  baseUrl: 'https://api.lambda.ai/v1',
  endpoints: ['chatComplete', 'complete'],
});
