import type { OutgoingHttpHeaders } from 'node:http';
import { newId } from '../content.js';

/** OpenAI's error envelope and auth helpers, shared by every OpenAI-shaped endpoint. */

export type Json = Record<string, any>;

const ERROR_DEFAULTS: Record<number, [message: string, type: string, code: string | null]> = {
  400: ['Invalid request.', 'invalid_request_error', null],
  401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
  403: ['You are not allowed to access this resource.', 'invalid_request_error', 'unsupported_country_region_territory'],
  404: ['The model does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'],
  408: ['Request timed out.', 'timeout', null],
  409: ['Conflict.', 'invalid_request_error', null],
  422: ['Unprocessable request.', 'invalid_request_error', null],
  429: ['Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request. Sorry about that!', 'server_error', null],
  502: ['Bad gateway.', 'server_error', null],
  503: ['The engine is currently overloaded, please try again later.', 'server_error', null],
  504: ['Gateway timeout.', 'server_error', null],
};

/** OpenAI's error envelope: `{"error":{"message","type","param","code"}}`. */
export function openaiError(status: number, message?: string, param: string | null = null, code?: string | null): Json {
  const d = ERROR_DEFAULTS[status] ?? [`Error ${status}.`, status >= 500 ? 'server_error' : 'invalid_request_error', null];
  return { error: { message: message ?? d[0], type: d[1], param, code: code === undefined ? d[2] : code } };
}

export function hasBearer(auth: string | string[] | undefined): boolean {
  return typeof auth === 'string' && /^Bearer\s+\S/i.test(auth);
}

export const NO_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

export function missing(param: string): Json {
  return openaiError(400, `Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function headersFor(label: string): OutgoingHttpHeaders {
  const id = newId('req_');
  return label === 'azure' ? { 'x-request-id': id, 'apim-request-id': id } : { 'x-request-id': id };
}
