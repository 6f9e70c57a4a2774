import { openAiCompatible } from '../openai-compatible/factory.js';


/** Self-hosted: no public base URL, so `custom_host` is required (e.g. http://127.0.0.1:8000/v1). */
export const lmStudio = openAiCompatible({
  id: 'lm-studio',
  displayName: 'LM Studio (self-hosted)',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'complete', 'embed'],
});
