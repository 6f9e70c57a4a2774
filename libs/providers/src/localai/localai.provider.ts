import { openAiCompatible } from '../openai-compatible/factory.js';

/** Self-hosted: no public base URL, so `custom_host` is required (e.g. http://127.0.0.1:8080/v1). */
export const localai = openAiCompatible({
  id: 'localai',
  displayName: 'LocalAI (self-hosted)',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'complete', 'embed', 'imageGenerate', 'createSpeech', 'createTranscription'],
});
