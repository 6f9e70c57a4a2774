import type { Json } from '../core/types.js';
import type { GeminiUsageMetadata } from './gemini.types.js';

/**
 * Gemini `usageMetadata` → OpenAI `usage`. OpenAI counts reasoning inside `completion_tokens`;
 * Gemini reports thoughts apart from `candidatesTokenCount`, so they are added back (the
 * reference leaves them out, under-reporting billed output). Tokens of tool-use prompts
 * (grounding, code execution) are input Gemini bills, so they count as prompt tokens; that keeps
 * prompt + completion = total.
 */
export function mapUsage(usage: GeminiUsageMetadata | undefined): Json {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  const prompt = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const completion = (usage?.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage?.totalTokenCount ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
