import { openAiCompatible } from '../openai-compatible/factory.js';

export const krutrim = openAiCompatible({
  id: 'krutrim',
  displayName: 'Krutrim',
  baseUrl: 'https://cloud.olakrutrim.com/v1',
  endpoints: ['chatComplete'],
});
