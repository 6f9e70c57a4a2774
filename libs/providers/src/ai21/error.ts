import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

/**
 * AI21 errors are FastAPI bodies: `{"detail": "…"}`, or for validation failures
 * `{"detail": [{"loc": [...], "msg": "…", "type": "…"}]}`. The latter is flattened to readable
 * "field: message" text instead of a JSON dump; anything else goes through the shared mapping.
 */
export function ai21Error(status: number, body: unknown): UnifiedError {
  const detail = body && typeof body === 'object' ? (body as Record<string, unknown>).detail : undefined;
  if (Array.isArray(detail) && detail.length > 0) {
    const message = detail
      .map((d: Record<string, unknown>) => {
        const loc = Array.isArray(d?.loc) ? d.loc.filter((p) => p !== 'body').join('.') : '';
        return loc ? `${loc}: ${String(d.msg)}` : String(d?.msg ?? JSON.stringify(d));
      })
      .join('; ');
    const type = typeof detail[0]?.type === 'string' ? (detail[0].type as string) : null;
    return { error: { message: `ai21 error: ${message}`, type, param: null, code: null }, provider: 'ai21' };
  }
  return unifiedError('ai21', status, body);
}
