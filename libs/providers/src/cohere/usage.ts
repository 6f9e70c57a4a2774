import type { Json } from '../core/types.js';

interface Counts {
  input_tokens?: number;
  output_tokens?: number;
}

/**
 * Cohere usage `{billed_units, tokens, cached_tokens}` (chat v2; `meta` of v1 generate) → OpenAI
 * usage. Cohere's `tokens` are what the model processed and generated, its own prompt scaffolding
 * included; `billed_units` are what the account is charged for. OpenAI's `prompt_tokens` means
 * the former (and the reference gateway reports it), so a team comparing counts sees the same
 * numbers. Billed units ride along as Cohere's own `billed_units` field: the request log prices
 * the request from them. With no `tokens`, the billed counts are all there is.
 */
export function openAiUsage(usage: unknown): Json | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as { billed_units?: Counts; tokens?: Counts; cached_tokens?: number };
  const prompt = pick(u.tokens?.input_tokens, u.billed_units?.input_tokens);
  const completion = pick(u.tokens?.output_tokens, u.billed_units?.output_tokens);
  const billed = billedUnits(u.billed_units);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(typeof u.cached_tokens === 'number' ? { prompt_tokens_details: { cached_tokens: u.cached_tokens } } : {}),
    ...(billed ? { billed_units: billed } : {}),
  };
}

function billedUnits(units: Counts | undefined): Json | undefined {
  if (!units || (typeof units.input_tokens !== 'number' && typeof units.output_tokens !== 'number')) return undefined;
  return { input_tokens: pick(units.input_tokens, 0), output_tokens: pick(units.output_tokens, 0) };
}

function pick(first: unknown, fallback: unknown): number {
  if (typeof first === 'number') return first;
  return typeof fallback === 'number' ? fallback : 0;
}
