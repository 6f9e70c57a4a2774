import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Databricks Model Serving: every serving endpoint answers OpenAI's API under
 * `https://<workspace>/serving-endpoints`, the endpoint's name as `model`, a Databricks token as
 * the bearer key. The workspace URL differs per customer, so it is the custom host.
 */
export const databricks = openAiCompatible({
  id: 'databricks',
  displayName: 'Databricks Model Serving',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'complete', 'embed'],
});
