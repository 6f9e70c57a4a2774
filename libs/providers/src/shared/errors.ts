import type { UnifiedError } from '../core/types.js';

/**
 * The unified error from whatever a provider sent. Most providers use OpenAI's
 * `{error:{message,type,param,code}}`; others send `{message}`, `{detail}`, `{error:"text"}` or plain
 * text. The message is prefixed with the provider id, as the reference gateway does.
 */
export function unifiedError(provider: string, status: number, body: unknown): UnifiedError {
  const { message, type, param, code } = extractErrorFields(body, status);
  return {
    error: { message: `${provider} error: ${message}`, type, param, code },
    provider,
  };
}

function extractErrorFields(body: unknown, status: number) {
  const empty = { type: null, param: null, code: null } as const;
  if (typeof body === 'string') return { ...empty, message: body.trim() || `HTTP ${status}` };
  if (!body || typeof body !== 'object') return { ...empty, message: `HTTP ${status}` };
  const record = body as Record<string, unknown>;
  const inner = Array.isArray(record) ? record[0] : record.error;
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>;
    return {
      message: stringOr(e.message, JSON.stringify(e)),
      type: stringOrNull(e.type ?? e.status),
      param: stringOrNull(e.param),
      code: stringOrNull(e.code),
    };
  }
  if (typeof inner === 'string') return { ...empty, message: inner, type: stringOrNull(record.type) };
  const message = record.message ?? record.detail ?? record.error_message;
  return {
    ...empty,
    message: stringOr(message, JSON.stringify(body)),
    type: stringOrNull(record.type),
    code: stringOrNull(record.code),
  };
}

function stringOr(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return fallback;
  return JSON.stringify(value);
}

function stringOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : String(value);
}
