import { openAiCompatible } from '../openai-compatible/factory.js';

export const ovhcloud = openAiCompatible({
  id: 'ovhcloud',
  displayName: 'OVHcloud AI Endpoints',
  baseUrl: 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1',
  endpoints: ['chatComplete'],
});
