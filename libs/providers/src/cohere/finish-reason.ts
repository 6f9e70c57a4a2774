/**
 * Cohere finish reasons → OpenAI's. ERROR and TIMEOUT have no OpenAI counterpart; like the
 * reference they read as `stop` under strict compliance (the stream's own error handling reports
 * the failure). Without strict compliance the raw value passes through.
 */
const FINISH_REASONS: Record<string, string> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR: 'stop',
  TIMEOUT: 'stop',
  // Legacy /v1/generate values.
  ERROR_TOXIC: 'content_filter',
  ERROR_LIMIT: 'length',
  USER_CANCEL: 'stop',
};

export function finishReason(reason: unknown, strict: boolean): string {
  if (typeof reason !== 'string' || !reason) return 'stop';
  return strict ? (FINISH_REASONS[reason] ?? 'stop') : reason;
}
