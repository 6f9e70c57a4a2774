import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

const PROVIDER = 'vertex-ai';

/**
 * Vertex errors come in Google's shape, `{"error":{"code":400,"message":"…","status":
 * "INVALID_ARGUMENT"}}` (possibly wrapped in a one-element array), or, from Anthropic models
 * behind rawPredict, in Anthropic's `{"type":"error","error":{"type":"…","message":"…"}}`. Either
 * way the message is kept and the machine-readable kind (gRPC status or Anthropic error type)
 * becomes `type`.
 */
export function vertexError(status: number, body: unknown): UnifiedError {
  const inner = Array.isArray(body) ? body[0] : body;
  const error = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).error : undefined;
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    if (typeof e.message === 'string') {
      const type = typeof e.status === 'string' ? e.status : typeof e.type === 'string' ? e.type : null;
      const code = typeof e.code === 'number' || typeof e.code === 'string' ? String(e.code) : null;
      return { error: { message: `${PROVIDER} error: ${e.message}`, type, param: null, code }, provider: PROVIDER };
    }
  }
  return unifiedError(PROVIDER, status, body);
}

/** An error raised by a reused transform (google, anthropic), re-labelled as Vertex's. */
export function asVertexError(error: UnifiedError): UnifiedError {
  const prefix = `${error.provider} error: `;
  const message = error.error.message.startsWith(prefix) ? error.error.message.slice(prefix.length) : error.error.message;
  return { error: { ...error.error, message: `${PROVIDER} error: ${message}` }, provider: PROVIDER };
}
