import type { ChatUsage } from '../shared/chat.types.js';
import { count } from '../shared/json.js';

export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * OpenAI usage → Anthropic usage. OpenAI's `prompt_tokens` counts the whole prompt, cached part
 * included; Anthropic's `input_tokens` counts only the part that was neither read from nor
 * written to the cache, with those two reported beside it. Clients such as Claude Code add the
 * three up to size the context window, so the split must not double count.
 */
export function messagesUsage(usage: ChatUsage | null | undefined): MessagesUsage {
  const cacheRead = count(usage?.prompt_tokens_details?.cached_tokens);
  const cacheWrite = count(usage?.cache_creation_input_tokens);
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cacheRead - cacheWrite),
    output_tokens: count(usage?.completion_tokens),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
