import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';
import { isObject } from './util.js';

/**
 * Google's error body `{"error":{"code":400,"message":"…","status":"INVALID_ARGUMENT"}}` → the
 * unified error. The gRPC-style `status` is the most useful machine-readable field, so it becomes
 * `type` (as in the reference); the HTTP-style `code` becomes a string `code`. The streaming
 * endpoint without alt=sse wraps the same object in a one-element array. Anything else (an HTML
 * page from a proxy, plain text) goes through the shared fallback.
 */
export function googleError(status: number, body: unknown): UnifiedError {
  const inner = Array.isArray(body) ? body[0] : body;
  if (isObject(inner) && isObject(inner.error) && typeof inner.error.message === 'string') {
    const { message, status: grpcStatus, code } = inner.error;
    return {
      error: {
        message: `google error: ${message}`,
        type: typeof grpcStatus === 'string' ? grpcStatus : null,
        param: null,
        code: code === undefined || code === null ? null : String(code),
      },
      provider: 'google',
    };
  }
  return unifiedError('google', status, body);
}
