import { openAiCompatible } from '../openai-compatible/factory.js';

export const deepinfra = openAiCompatible({
  id: 'deepinfra',
  displayName: 'DeepInfra',
  baseUrl: 'https://api.deepinfra.com/v1/openai',
  endpoints: ['chatComplete', 'complete', 'embed'],
});
