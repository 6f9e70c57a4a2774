import type { Json } from '../../core/types.js';
import { asRecord, asString } from '../shared/json.js';

/**
 * The gateway's unified error (`{error:{message,type,param,code}, provider}`) → Anthropic's error
 * body `{type:"error", error:{type, message}}`, for both HTTP error responses and the in-stream
 * `event: error`. The type follows the HTTP status, as Anthropic's does
 * (https://docs.anthropic.com/en/api/errors): Anthropic SDKs pick their exception class from the
 * status and show `error.type`, and Claude Code retries on 429/529/5xx.
 */
export function chatErrorToMessagesError(status: number, unifiedError: unknown, requestId?: string): Json {
  return {
    type: 'error',
    error: { type: messagesErrorType(status), message: errorMessage(unifiedError, status) },
    ...(requestId ? { request_id: requestId } : {}),
  };
}

export function messagesErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      // Anthropic uses invalid_request_error for the 4xx statuses it does not list.
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'string' && body) return body;
  const record = asRecord(body);
  const inner = record.error;
  return asString(asRecord(inner).message) ?? asString(inner) ?? asString(record.message) ?? `Upstream error (HTTP ${status})`;
}
