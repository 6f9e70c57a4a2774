import { openAiCompatible } from '../openai-compatible/factory.js';

export const deepbricks = openAiCompatible({
  id: 'deepbricks',
  displayName: 'Deepbricks',
  baseUrl: 'https://api.deepbricks.ai/v1',
  endpoints: ['chatComplete', 'imageGenerate'],
});
