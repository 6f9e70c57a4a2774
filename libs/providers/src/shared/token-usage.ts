import type { Json } from '../core/types.js';

/** Token counts as providers that split the prompt into uncached, cache-read and cache-write report them. */
export interface PromptTokenCounts {
  input: unknown;
  cacheRead: unknown;
  cacheWrite: unknown;
  output: unknown;
}

/**
 * OpenAI usage from split prompt counts (Anthropic, Bedrock Converse). OpenAI's `prompt_tokens`
 * counts the whole prompt, cached tokens included, with the cached share in
 * `prompt_tokens_details.cached_tokens`; cache writes are billed differently, so their count is
 * kept as an extra field when non-zero.
 */
export function openAiUsageFromCounts(counts: PromptTokenCounts): Json {
  const input = count(counts.input);
  const cacheRead = count(counts.cacheRead);
  const cacheWrite = count(counts.cacheWrite);
  const completion = count(counts.output);
  const prompt = input + cacheWrite + cacheRead;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
    ...(cacheWrite > 0 ? { cache_creation_input_tokens: cacheWrite } : {}),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
