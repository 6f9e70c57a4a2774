/**
 * Gemini `finishReason` → OpenAI `finish_reason`. Every reason meaning "blocked" becomes
 * `content_filter` (the reference maps RECITATION to `stop`, hiding that the answer was cut for
 * quoting protected text). A candidate that called functions ends with `tool_calls`, because
 * Gemini reports STOP there and OpenAI clients loop on `tool_calls`.
 * With `strict_open_ai_compliance` off, the raw Gemini reason passes through, as in the reference.
 */
const CONTENT_FILTER = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'LANGUAGE',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

export function mapFinishReason(reason: string | undefined, hasToolCalls: boolean, strictOpenAiCompliance: boolean): string {
  if (!strictOpenAiCompliance && reason) return reason;
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && CONTENT_FILTER.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
