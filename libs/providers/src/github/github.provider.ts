import { openAiCompatible } from '../openai-compatible/factory.js';

export const github = openAiCompatible({
  id: 'github',
  displayName: 'GitHub Models',
  baseUrl: 'https://models.github.ai/inference',
  endpoints: ['chatComplete', 'embed'],
});
