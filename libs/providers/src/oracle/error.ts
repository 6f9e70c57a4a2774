import type { UnifiedError } from '../core/types.js';

/**
 * OCI error bodies are `{code, message}` (`code` a name such as `NotAuthenticated` or
 * `InvalidParameter`, sometimes the status as text) → the unified error.
 */
export function ociError(status: number, body: unknown): UnifiedError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown };
  const message = typeof b.message === 'string' && b.message ? b.message : typeof body === 'string' && body.trim() ? body.trim() : `HTTP ${status}`;
  const code = typeof b.code === 'string' || typeof b.code === 'number' ? String(b.code) : null;
  return { error: { message: `oracle error: ${message}`, type: code, param: null, code }, provider: 'oracle' };
}
