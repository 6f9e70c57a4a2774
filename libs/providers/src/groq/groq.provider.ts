import { openAiCompatible } from '../openai-compatible/factory.js';

export const groq = openAiCompatible({
  id: 'groq',
  displayName: 'Groq',
  baseUrl: 'https://api.groq.com/openai/v1',
  endpoints: ['chatComplete', 'createSpeech', 'createTranscription', 'createTranslation', 'listModels'],
});
