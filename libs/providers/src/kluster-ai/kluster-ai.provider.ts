import { openAiCompatible } from '../openai-compatible/factory.js';

export const klusterAi = openAiCompatible({
  id: 'kluster-ai',
  displayName: 'kluster.ai',
  baseUrl: 'https://api.kluster.ai/v1',
  endpoints: ['chatComplete', 'embed'],
});
