import { openAiCompatible } from '../openai-compatible/factory.js';

export const monsterapi = openAiCompatible({
  id: 'monsterapi',
  displayName: 'MonsterAPI',
  baseUrl: 'https://llm.monsterapi.ai/v1',
  endpoints: ['chatComplete'],
});
