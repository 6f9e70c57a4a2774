import { openAiCompatible } from '../openai-compatible/factory.js';
import { mistralFim } from './fim.js';

/**
 * Mistral speaks OpenAI's chat format and reports usage in its last stream chunk on its own; it
 * rejects unknown fields, so `stream_options` is not added. `stop` and `response_format` are
 * forwarded (the reference drops them). `/v1/completions` is fill-in-the-middle (Codestral).
 */
const base = openAiCompatible({
  id: 'mistral-ai',
  displayName: 'Mistral AI',
  baseUrl: 'https://api.mistral.ai/v1',
  endpoints: ['chatComplete', 'embed'],
  developerAsSystem: true,
  streamUsage: false,
});

export const mistralAi = { ...base, endpoints: { ...base.endpoints, complete: mistralFim } };
