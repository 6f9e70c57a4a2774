import { openAiCompatible } from '../openai-compatible/factory.js';

export const fireworksAi = openAiCompatible({
  id: 'fireworks-ai',
  displayName: 'Fireworks AI',
  baseUrl: 'https://api.fireworks.ai/inference/v1',
  endpoints: ['chatComplete', 'complete', 'embed'],
});
