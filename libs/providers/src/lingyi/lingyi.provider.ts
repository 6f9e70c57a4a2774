import { openAiCompatible } from '../openai-compatible/factory.js';

export const lingyi = openAiCompatible({
  id: 'lingyi',
  displayName: '01.AI (Lingyi)',
  baseUrl: 'https://api.lingyiwanwu.com/v1',
  endpoints: ['chatComplete'],
});
