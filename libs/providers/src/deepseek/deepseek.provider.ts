import { openAiCompatible } from '../openai-compatible/factory.js';

export const deepseek = openAiCompatible({
  id: 'deepseek',
  displayName: 'DeepSeek',
  baseUrl: 'https://api.deepseek.com',
  paths: { chatComplete: '/v1/chat/completions' },
  developerAsSystem: true,
});
