import type { Json } from '../core/types.js';

interface Counts {
  input_tokens?: number;
  output_tokens?: number;
}

/**
 * Cohere usage `{billed_units, tokens, cached_tokens}` → OpenAI usage. `billed_units` are what the
 * customer is charged for and what budgets must count; `tokens` (which include Cohere's own
 * prompt scaffolding) are the fallback when a response carries no billed counts.
 */
export function openAiUsage(usage: unknown): Json | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as { billed_units?: Counts; tokens?: Counts; cached_tokens?: number };
  const prompt = pick(u.billed_units?.input_tokens, u.tokens?.input_tokens);
  const completion = pick(u.billed_units?.output_tokens, u.tokens?.output_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(typeof u.cached_tokens === 'number' ? { prompt_tokens_details: { cached_tokens: u.cached_tokens } } : {}),
  };
}

function pick(billed: unknown, raw: unknown): number {
  if (typeof billed === 'number') return billed;
  return typeof raw === 'number' ? raw : 0;
}
