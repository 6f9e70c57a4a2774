import { openAiCompatible } from '../openai-compatible/factory.js';

export const lemonfoxAi = openAiCompatible({
  id: 'lemonfox-ai',
  displayName: 'Lemonfox',
  baseUrl: 'https://api.lemonfox.ai/v1',
  endpoints: ['chatComplete', 'imageGenerate', 'createTranscription'],
});
