import { openAiCompatible } from '../openai-compatible/factory.js';

export const nscale = openAiCompatible({
  id: 'nscale',
  displayName: 'Nscale',
  baseUrl: 'https://inference.api.nscale.com/v1',
  endpoints: ['chatComplete', 'imageGenerate'],
});
