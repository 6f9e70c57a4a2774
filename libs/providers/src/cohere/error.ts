import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Cohere answers errors with `{"id": "…", "message": "…"}` (no type or code; the HTTP status is the
 * discriminator), which the shared mapping reads as is. Kept as one function so streams and
 * responses report the same shape.
 */
export function cohereError(status: number, body: unknown): UnifiedError {
  return unifiedError('cohere', status, body);
}
