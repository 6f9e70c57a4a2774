import { openAiCompatible } from '../openai-compatible/factory.js';

export const nebius = openAiCompatible({
  id: 'nebius',
  displayName: 'Nebius AI Studio',
  baseUrl: 'https://api.studio.nebius.ai/v1',
  endpoints: ['chatComplete', 'complete', 'embed', 'imageGenerate'],
});
