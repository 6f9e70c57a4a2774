import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Stability error bodies: v1 `{id, name, message}`, v2beta `{id, name, errors: ["…"]}`. `name`
 * (`bad_request`, `unauthorized`, `content_moderation`, …) becomes the type; v2beta's list of
 * messages is joined.
 */
export function stabilityError(status: number, body: unknown): UnifiedError {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { name, message, errors } = body as Record<string, unknown>;
    const text = Array.isArray(errors) && errors.length > 0 ? errors.map(String).join('; ') : typeof message === 'string' ? message : undefined;
    if (text !== undefined) {
      return { error: { message: `stability-ai error: ${text}`, type: typeof name === 'string' ? name : null, param: null, code: null }, provider: 'stability-ai' };
    }
  }
  return unifiedError('stability-ai', status, body);
}
