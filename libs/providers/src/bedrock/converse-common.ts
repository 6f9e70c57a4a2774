import type { Json } from '../core/types.js';
import { openAiUsageFromCounts } from '../shared/token-usage.js';

/**
 * What the Converse request, response and stream mappings share: the stop-reason map, usage, and
 * the small shape helpers.
 */

const OPENAI_FINISH_REASON: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  // The context filled before maxTokens: the same "cut short" signal for a client.
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

/**
 * Converse `stopReason` → OpenAI `finish_reason`. Strict compliance (the default) sends only
 * OpenAI's values, unknown ones as `stop`; without it the raw Bedrock reason passes through.
 */
export function finishReason(stopReason: unknown, strict: boolean): string {
  if (typeof stopReason !== 'string' || !stopReason) return 'stop';
  if (!strict) return stopReason;
  return OPENAI_FINISH_REASON[stopReason] ?? 'stop';
}

/**
 * Converse usage → OpenAI usage. Bedrock's `inputTokens` counts only the uncached part of the
 * prompt and reports cache reads and writes beside it; OpenAI's `prompt_tokens` is the whole
 * prompt with the cached share in `prompt_tokens_details.cached_tokens`. So prompt = input +
 * cache reads + cache writes, and total is recomputed so that prompt + completion = total (the
 * same meaning as our Anthropic adapter). Cache writes are billed apart, so their count is kept.
 */
export function converseUsage(usage: unknown): Json {
  const u = isObject(usage) ? usage : {};
  return openAiUsageFromCounts({ input: u.inputTokens, cacheRead: u.cacheReadInputTokens, cacheWrite: u.cacheWriteInputTokens, output: u.outputTokens });
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
