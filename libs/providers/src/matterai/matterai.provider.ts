import { openAiCompatible } from '../openai-compatible/factory.js';

export const matterai = openAiCompatible({
  id: 'matterai',
  displayName: 'MatterAI',
  baseUrl: 'https://api.matterai.so/v1',
  endpoints: ['chatComplete'],
});
