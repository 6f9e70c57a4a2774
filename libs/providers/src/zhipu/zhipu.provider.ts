import { openAiCompatible } from '../openai-compatible/factory.js';

export const zhipu = openAiCompatible({
  id: 'zhipu',
  displayName: 'Zhipu AI (BigModel)',
  baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  endpoints: ['chatComplete', 'embed'],
});
