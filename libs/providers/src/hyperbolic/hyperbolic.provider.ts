import { openAiCompatible } from '../openai-compatible/factory.js';

export const hyperbolic = openAiCompatible({
  id: 'hyperbolic',
  displayName: 'Hyperbolic',
  baseUrl: 'https://api.hyperbolic.xyz/v1',
  endpoints: ['chatComplete', 'complete'],
});
