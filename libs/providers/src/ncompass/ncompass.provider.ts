import { openAiCompatible } from '../openai-compatible/factory.js';

export const ncompass = openAiCompatible({
  id: 'ncompass',
  displayName: 'nCompass',
  baseUrl: 'https://api.ncompass.tech/v1',
  endpoints: ['chatComplete'],
  // nCompass serves open models whose chat templates predate the `developer` role.
  developerAsSystem: true,
});
