import type { Json } from '../../core/types.js';
import { asRecord, asString } from '../shared/json.js';

/**
 * Errors for /v1/responses. HTTP errors use OpenAI's error body, which the gateway's unified error
 * already is (`{error:{message,type,param,code}}`, plus `provider`); only a missing type is filled
 * in from the status. Mid-stream failures go into `response.failed`, whose `response.error` is
 * `{code, message}` with OpenAI's codes (`server_error`, `rate_limit_exceeded`…).
 */
export function chatErrorToResponsesError(status: number, unifiedError: unknown): Json {
  const record = asRecord(unifiedError);
  const inner = asRecord(record.error);
  return {
    error: {
      message: errorMessage(unifiedError, status),
      type: asString(inner.type) ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: asString(inner.param) ?? null,
      code: asString(inner.code) ?? null,
    },
    ...(typeof record.provider === 'string' ? { provider: record.provider } : {}),
  };
}

/** The `response.error` of a failed streamed response. */
export function responsesStreamErrorDetail(status: number, error: unknown): { code: string; message: string } {
  return { code: status === 429 ? 'rate_limit_exceeded' : 'server_error', message: errorMessage(error, status) };
}

function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'string' && body) return body;
  if (body instanceof Error) return body.message;
  const record = asRecord(body);
  const inner = record.error;
  return asString(asRecord(inner).message) ?? asString(inner) ?? asString(record.message) ?? `Upstream error (HTTP ${status})`;
}
