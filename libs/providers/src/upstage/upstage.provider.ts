import { openAiCompatible } from '../openai-compatible/factory.js';

export const upstage = openAiCompatible({
  id: 'upstage',
  displayName: 'Upstage',
  baseUrl: 'https://api.upstage.ai/v1',
  endpoints: ['chatComplete', 'embed'],
});
