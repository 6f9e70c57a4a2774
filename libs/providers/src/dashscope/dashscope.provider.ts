import { openAiCompatible } from '../openai-compatible/factory.js';

export const dashscope = openAiCompatible({
  id: 'dashscope',
  displayName: 'Alibaba DashScope',
  baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  endpoints: ['chatComplete', 'embed'],
});
