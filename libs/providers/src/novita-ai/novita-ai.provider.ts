import { openAiCompatible } from '../openai-compatible/factory.js';

export const novitaAi = openAiCompatible({
  id: 'novita-ai',
  displayName: 'Novita AI',
  baseUrl: 'https://api.novita.ai/v3/openai',
  endpoints: ['chatComplete', 'complete'],
});
