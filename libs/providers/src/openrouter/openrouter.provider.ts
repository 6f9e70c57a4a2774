import { openAiCompatible } from '../openai-compatible/factory.js';

export const openrouter = openAiCompatible({
  id: 'openrouter',
  displayName: 'OpenRouter',
  baseUrl: 'https://openrouter.ai/api',
  paths: { chatComplete: '/v1/chat/completions' },
});
