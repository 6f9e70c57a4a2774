import type { UnifiedError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

const PROVIDER = 'bedrock';

/**
 * Bedrock's error body is `{"message": "…"}` (sometimes `Message`), with the error's name in the
 * `x-amzn-ErrorType` header. The adapter only sees the status and body, so the name is taken
 * from a `__type` field when AWS includes one, and otherwise from the status, whose meaning
 * Bedrock documents one-to-one (429 is always ThrottlingException, 424 ModelErrorException…).
 */
const TYPE_BY_STATUS: Record<number, string> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  409: 'ConflictException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

export function bedrockError(status: number, body: unknown): UnifiedError {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const message = record.message ?? record.Message;
    if (typeof message === 'string') {
      return {
        error: { message: `${PROVIDER} error: ${message}`, type: awsErrorType(record.__type) ?? TYPE_BY_STATUS[status] ?? null, param: null, code: null },
        provider: PROVIDER,
      };
    }
  }
  return unifiedError(PROVIDER, status, body);
}

/** `com.amazon.coral.validate#ValidationException` or `ValidationException:http://…` → `ValidationException`. */
function awsErrorType(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  return value.split('#').pop()!.split(':')[0] || undefined;
}

/**
 * HTTP status of each exception ConverseStream can send inside a 200 stream (from the
 * ConverseStreamOutput reference), so a stream error carries the status it would have had.
 */
export const STREAM_EXCEPTION_STATUS: Record<string, number> = {
  internalServerException: 500,
  modelStreamErrorException: 424,
  serviceUnavailableException: 503,
  throttlingException: 429,
  validationException: 400,
};

/** An exception event from the stream → the unified error, typed with its PascalCase name. */
export function bedrockStreamError(exceptionType: string, payload: string): UnifiedError {
  let message = payload;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === 'object') {
      const m = (parsed as Record<string, unknown>).message ?? (parsed as Record<string, unknown>).Message;
      if (typeof m === 'string') message = m;
    }
  } catch {
    // Not JSON: the raw payload is the best message there is.
  }
  const type = exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
  return { error: { message: `${PROVIDER} error: ${message || exceptionType}`, type, param: null, code: null }, provider: PROVIDER };
}
