import { openAiCompatible } from '../openai-compatible/factory.js';

export const lepton = openAiCompatible({
  id: 'lepton',
  displayName: 'Lepton AI',
  baseUrl: 'https://api.lepton.ai/api/v1',
  endpoints: ['chatComplete', 'complete', 'createTranscription'],
});
