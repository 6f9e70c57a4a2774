/**
 * Chat tool-call `arguments` (a JSON string the model wrote) → an object. Models do emit invalid
 * or non-object JSON now and then; Anthropic's `tool_use.input` must be an object, so anything
 * else becomes `{}` and the client's own input validation reports the problem on the next turn.
 */
export function parseToolArguments(args: unknown): Record<string, unknown> {
  if (typeof args !== 'string' || args.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(args);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
