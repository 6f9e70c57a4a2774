import { openAiCompatible } from '../openai-compatible/factory.js';

export const perplexityAi = openAiCompatible({
  id: 'perplexity-ai',
  displayName: 'Perplexity',
  baseUrl: 'https://api.perplexity.ai',
  developerAsSystem: true,
});
