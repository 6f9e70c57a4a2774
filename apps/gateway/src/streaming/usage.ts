import type { UsageCounts } from '../request/request-context.js';

/** OpenAI usage object → the counts the request log keeps. */
export function usageCounts(usage: unknown): UsageCounts | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as Record<string, unknown>;
  const details = u.prompt_tokens_details as Record<string, unknown> | undefined;
  const billed = u.billed_units as Record<string, unknown> | undefined;
  const counts: UsageCounts = {
    promptTokens: numberOr(u.prompt_tokens ?? u.input_tokens),
    completionTokens: numberOr(u.completion_tokens ?? u.output_tokens),
    cachedTokens: numberOr(details?.cached_tokens),
  };
  if (billed && typeof billed === 'object') {
    counts.billedPromptTokens = numberOr(billed.input_tokens);
    counts.billedCompletionTokens = numberOr(billed.output_tokens);
  }
  return counts;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
