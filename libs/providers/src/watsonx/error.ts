import type { UnifiedError } from '../core/types.js';

/**
 * watsonx.ai errors: `{errors: [{code, message, more_info}], trace, status_code}` → the unified
 * error (the first entry's message and code; the others are usually the same failure restated).
 */
export function watsonxError(status: number, body: unknown): UnifiedError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { errors?: unknown };
  const first = Array.isArray(b.errors) && b.errors.length && typeof b.errors[0] === 'object' ? (b.errors[0] as { code?: unknown; message?: unknown }) : undefined;
  const message = typeof first?.message === 'string' ? first.message : typeof body === 'string' && body.trim() ? body.trim() : `HTTP ${status}`;
  const code = typeof first?.code === 'string' ? first.code : null;
  return { error: { message: `watsonx error: ${message}`, type: code, param: null, code }, provider: 'watsonx' };
}
