import type { Json } from '../core/types.js';
import { openAiUsageFromCounts } from '../shared/token-usage.js';
import type { AnthropicUsage } from './anthropic.types.js';

/**
 * Anthropic usage → OpenAI usage. Anthropic's `input_tokens` counts only the uncached part of the
 * prompt; OpenAI's `prompt_tokens` counts the whole prompt, cached tokens included (and reports
 * the cached share in `prompt_tokens_details.cached_tokens`). We follow OpenAI's meaning, so
 * prompt_tokens = input + cache writes + cache reads. (The reference gateway reports only
 * `input_tokens` as prompt_tokens while adding the cache tokens to the total, so its numbers do
 * not add up.) Cache writes are billed differently from plain input, so their count is kept as an
 * extra field when non-zero.
 */
export function openAiUsage(usage: AnthropicUsage | undefined): Json {
  return openAiUsageFromCounts({
    input: usage?.input_tokens,
    cacheRead: usage?.cache_read_input_tokens,
    cacheWrite: usage?.cache_creation_input_tokens,
    output: usage?.output_tokens,
  });
}
