import { openAiCompatible } from '../openai-compatible/factory.js';

export const cometapi = openAiCompatible({
  id: 'cometapi',
  displayName: 'CometAPI',
  baseUrl: 'https://api.cometapi.com/v1',
  endpoints: ['chatComplete', 'embed'],
});
