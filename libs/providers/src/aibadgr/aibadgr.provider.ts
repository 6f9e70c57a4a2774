import { openAiCompatible } from '../openai-compatible/factory.js';

export const aibadgr = openAiCompatible({
  id: 'aibadgr',
  displayName: 'AI Badgr',
  baseUrl: 'https://aibadgr.com/api/v1',
  endpoints: ['chatComplete'],
});
