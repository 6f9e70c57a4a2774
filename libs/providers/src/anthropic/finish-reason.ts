/**
 * Anthropic `stop_reason` → OpenAI `finish_reason`. With strict OpenAI compliance (the default)
 * only OpenAI's values go out; without it the raw Anthropic reason passes through, as the
 * reference gateway does, for clients that want to tell `pause_turn` from `end_turn`.
 */
const OPENAI_FINISH_REASON: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // A server tool loop paused; the turn is over from the client's point of view.
  pause_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  // The context window filled before max_tokens: the same "cut short" signal for a client.
  model_context_window_exceeded: 'length',
  refusal: 'content_filter',
};

export function finishReason(stopReason: string | null | undefined, strict: boolean): string {
  if (!stopReason) return 'stop';
  if (!strict) return stopReason;
  // Unknown future reasons map to 'stop' rather than leaking a value OpenAI clients reject.
  return OPENAI_FINISH_REASON[stopReason] ?? 'stop';
}
