import { openAiCompatible } from '../openai-compatible/factory.js';

export const inferenceNet = openAiCompatible({
  id: 'inference-net',
  displayName: 'Inference.net',
  baseUrl: 'https://api.inference.net/v1',
  endpoints: ['chatComplete'],
});
