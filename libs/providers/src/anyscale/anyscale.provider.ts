import { openAiCompatible } from '../openai-compatible/factory.js';

export const anyscale = openAiCompatible({
  id: 'anyscale',
  displayName: 'Anyscale',
  baseUrl: 'https://api.endpoints.anyscale.com/v1',
  endpoints: ['chatComplete', 'complete', 'embed'],
  developerAsSystem: true,
});
