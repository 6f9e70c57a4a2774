import { openAiCompatible } from '../openai-compatible/factory.js';

export const moonshot = openAiCompatible({
  id: 'moonshot',
  displayName: 'Moonshot AI',
  baseUrl: 'https://api.moonshot.cn/v1',
  endpoints: ['chatComplete'],
});
