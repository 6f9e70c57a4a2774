/**
 * List prices of common models, USD per million tokens, used to put a cost on each logged request.
 * Edit freely, or override/extend at run time with a JSON file of the same shape named by
 * GATEWAY_PRICING_FILE (no rebuild needed). Keys match a model name exactly or as a prefix
 * followed by `-`, `@` or `:` (so dated snapshots like `gpt-4o-2024-08-06` find `gpt-4o`); the
 * longest key wins. `providers` holds prices that differ by provider (e.g. open models on Groq).
 */
export interface ModelPrice {
  /** Uncached prompt tokens. */
  input: number;
  output: number;
  /** Prompt tokens served from the provider's prompt cache; defaults to `input`. */
  cachedInput?: number;
}

export interface PricingTableData {
  models: Record<string, ModelPrice>;
  providers?: Record<string, Record<string, ModelPrice>>;
}

export const DEFAULT_PRICING: PricingTableData = {
  models: {
    // OpenAI
    'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
    'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
    'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
    'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
    'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
    'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
    'gpt-4-turbo': { input: 10, output: 30 },
    'gpt-4': { input: 30, output: 60 },
    'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
    o1: { input: 15, output: 60, cachedInput: 7.5 },
    'o1-mini': { input: 1.1, output: 4.4, cachedInput: 0.55 },
    o3: { input: 2, output: 8, cachedInput: 0.5 },
    'o3-mini': { input: 1.1, output: 4.4, cachedInput: 0.55 },
    'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
    'text-embedding-ada-002': { input: 0.1, output: 0 },
    // Anthropic (cachedInput = cache reads)
    'claude-opus-4': { input: 15, output: 75, cachedInput: 1.5 },
    'claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5 },
    'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3 },
    'claude-sonnet-4-5': { input: 3, output: 15, cachedInput: 0.3 },
    'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
    'claude-3-7-sonnet': { input: 3, output: 15, cachedInput: 0.3 },
    'claude-3-5-sonnet': { input: 3, output: 15, cachedInput: 0.3 },
    'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08 },
    'claude-3-opus': { input: 15, output: 75, cachedInput: 1.5 },
    'claude-3-haiku': { input: 0.25, output: 1.25, cachedInput: 0.03 },
    // Google
    'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.31 },
    'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.075 },
    'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cachedInput: 0.025 },
    'gemini-2.0-flash': { input: 0.1, output: 0.4, cachedInput: 0.025 },
    'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
    'gemini-1.5-pro': { input: 1.25, output: 5 },
    'gemini-1.5-flash': { input: 0.075, output: 0.3 },
    // Mistral
    'mistral-large': { input: 2, output: 6 },
    'mistral-medium': { input: 0.4, output: 2 },
    'mistral-small': { input: 0.1, output: 0.3 },
    codestral: { input: 0.3, output: 0.9 },
    'open-mistral-nemo': { input: 0.15, output: 0.15 },
    // DeepSeek
    'deepseek-chat': { input: 0.27, output: 1.1, cachedInput: 0.07 },
    'deepseek-reasoner': { input: 0.55, output: 2.19, cachedInput: 0.14 },
    // Cohere
    'command-r-plus': { input: 2.5, output: 10 },
    'command-r': { input: 0.15, output: 0.6 },
    // xAI
    'grok-3': { input: 3, output: 15 },
    'grok-3-mini': { input: 0.3, output: 0.5 },
  },
  providers: {
    groq: {
      'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
      'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
    },
  },
};
