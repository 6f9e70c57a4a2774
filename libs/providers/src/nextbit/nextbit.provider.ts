import { openAiCompatible } from '../openai-compatible/factory.js';

export const nextbit = openAiCompatible({
  id: 'nextbit',
  displayName: 'Nextbit',
  baseUrl: 'https://api.nextbit256.com/v1',
  endpoints: ['chatComplete', 'complete'],
});
