import type { ProviderAdapter } from './core/types.js';
import { anthropic } from './anthropic/anthropic.provider.js';
import { anyscale } from './anyscale/anyscale.provider.js';
import { azureOpenai } from './azure-openai/azure-openai.provider.js';
import { deepinfra } from './deepinfra/deepinfra.provider.js';
import { deepseek } from './deepseek/deepseek.provider.js';
import { fireworksAi } from './fireworks-ai/fireworks-ai.provider.js';
import { google } from './google/google.provider.js';
import { groq } from './groq/groq.provider.js';
import { mistralAi } from './mistral-ai/mistral-ai.provider.js';
import { openai } from './openai/openai.provider.js';
import { openrouter } from './openrouter/openrouter.provider.js';
import { perplexityAi } from './perplexity-ai/perplexity-ai.provider.js';
import { togetherAi } from './together-ai/together-ai.provider.js';
import { xAi } from './x-ai/x-ai.provider.js';

/** Every provider the gateway knows, registered in this one place. */
const ALL: ProviderAdapter[] = [
  openai,
  azureOpenai,
  anthropic,
  google,
  togetherAi,
  anyscale,
  perplexityAi,
  deepinfra,
  groq,
  fireworksAi,
  openrouter,
  deepseek,
  xAi,
  mistralAi,
];

export const PROVIDERS: ReadonlyMap<string, ProviderAdapter> = new Map(ALL.map((p) => [p.id, p]));

export function getProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.get(id);
}
