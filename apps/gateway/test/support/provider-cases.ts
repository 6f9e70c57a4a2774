/**
 * How each provider of the gateway reaches the mock provider: the custom host that stands in for
 * its base URL (cut where the reference gateway cuts it) and any provider headers it needs.
 */
export interface ProviderCase {
  provider: string;
  model: string;
  /** The mock's wire dialect for this provider. */
  flavour: 'openai' | 'azure' | 'anthropic' | 'gemini';
  customHost(mockUrl: string): string;
  headers?: Record<string, string>;
}

export const PROVIDER_CASES: ProviderCase[] = [
  { provider: 'openai', model: 'gpt-4o-mini', flavour: 'openai', customHost: (m) => `${m}/v1` },
  {
    provider: 'azure-openai',
    model: 'gpt-4o',
    flavour: 'azure',
    customHost: (m) => `${m}/openai`,
    headers: {
      'x-portkey-azure-resource-name': 'contoso',
      'x-portkey-azure-deployment-id': 'gpt-4o-deployment',
      'x-portkey-azure-api-version': '2024-10-21',
    },
  },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', flavour: 'anthropic', customHost: (m) => `${m}/v1` },
  { provider: 'google', model: 'gemini-2.0-flash', flavour: 'gemini', customHost: (m) => m },
  { provider: 'together-ai', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', flavour: 'openai', customHost: (m) => m },
  { provider: 'anyscale', model: 'mistralai/Mixtral-8x7B-Instruct-v0.1', flavour: 'openai', customHost: (m) => `${m}/v1` },
  { provider: 'perplexity-ai', model: 'sonar', flavour: 'openai', customHost: (m) => m },
  { provider: 'deepinfra', model: 'meta-llama/Meta-Llama-3.1-8B-Instruct', flavour: 'openai', customHost: (m) => `${m}/v1/openai` },
  { provider: 'groq', model: 'llama-3.3-70b-versatile', flavour: 'openai', customHost: (m) => `${m}/openai/v1` },
  { provider: 'fireworks-ai', model: 'accounts/fireworks/models/llama-v3p1-8b-instruct', flavour: 'openai', customHost: (m) => `${m}/inference/v1` },
  { provider: 'openrouter', model: 'openai/gpt-4o-mini', flavour: 'openai', customHost: (m) => `${m}/api` },
  { provider: 'deepseek', model: 'deepseek-chat', flavour: 'openai', customHost: (m) => m },
  { provider: 'x-ai', model: 'grok-3-mini', flavour: 'openai', customHost: (m) => `${m}/v1` },
  { provider: 'mistral-ai', model: 'mistral-small-latest', flavour: 'openai', customHost: (m) => `${m}/v1` },
];
