import { openAiCompatible } from '../openai-compatible/factory.js';

export const siliconflow = openAiCompatible({
  id: 'siliconflow',
  displayName: 'SiliconFlow',
  baseUrl: 'https://api.siliconflow.cn/v1',
  endpoints: ['chatComplete', 'embed', 'imageGenerate'],
});
