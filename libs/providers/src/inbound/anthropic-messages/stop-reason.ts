/**
 * OpenAI `finish_reason` → Anthropic `stop_reason`.
 *
 * Anthropic clients (Claude Code among them) run tools when `stop_reason` is `tool_use`; some chat
 * providers report `stop` (or nothing) for a turn that ended in tool calls, so a turn with tool
 * calls that stopped normally is reported as `tool_use`. Chat does not say which stop sequence
 * matched, so `stop_sequence` is never reported (`end_turn` instead).
 */
export function stopReason(finishReason: string | null | undefined, hasToolCalls: boolean): string {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    default:
      return hasToolCalls ? 'tool_use' : 'end_turn';
  }
}
