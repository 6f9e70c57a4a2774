import { openAiCompatible } from '../openai-compatible/factory.js';

export const ioIntelligence = openAiCompatible({
  id: 'iointelligence',
  displayName: 'IO Intelligence',
  baseUrl: 'https://api.intelligence.io.solutions/api/v1',
  endpoints: ['chatComplete', 'embed'],
});
