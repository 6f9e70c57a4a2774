import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

const PROVIDER = 'anthropic';

/**
 * Anthropic's error body (`{type:'error', error:{type, message}}`, the same in HTTP responses and
 * in a stream's `event: error`) → the unified error. Anthropic has no `param`/`code`; its error
 * type (`invalid_request_error`, `overloaded_error`, …) is the useful discriminator, so it becomes
 * `type`. Anything else (a proxy's HTML page, plain text) goes through the shared fallback.
 */
export function anthropicError(status: number, body: unknown): UnifiedError {
  const inner = anthropicErrorFields(body);
  if (!inner) return unifiedError(PROVIDER, status, body);
  return {
    error: { message: `${PROVIDER} error: ${inner.message}`, type: inner.type, param: null, code: null },
    provider: PROVIDER,
  };
}

function anthropicErrorFields(body: unknown): { message: string; type: string | null } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as Record<string, unknown>).error;
  if (!error || typeof error !== 'object') return undefined;
  const { message, type } = error as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  return { message, type: typeof type === 'string' ? type : null };
}
