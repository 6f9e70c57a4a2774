import type { OutgoingHttpHeaders } from 'node:http';
import { newId } from '../content.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';

/**
 * Bedrock runtime errors: a `{"message"}` body with the exception named in `x-amzn-errortype`,
 * and the auth check (a SigV4 `Authorization` header, or a Bedrock API key as a bearer token).
 */

const ERRORS: Record<number, [type: string, message: string]> = {
  400: ['ValidationException', 'The provided request is not valid.'],
  403: ['AccessDeniedException', "You don't have access to the model with the specified model ID."],
  404: ['ResourceNotFoundException', 'The requested resource could not be found.'],
  408: ['ModelTimeoutException', 'The request took too long to process. Processing time exceeded the model timeout length.'],
  424: ['ModelErrorException', 'The request failed due to an error while processing the model.'],
  429: ['ThrottlingException', 'Too many requests, please wait before trying again.'],
  500: ['InternalServerException', 'The server encountered an internal error while processing the request.'],
  503: ['ServiceUnavailableException', 'The service is temporarily unable to handle the request. Please try again later.'],
};

function errorType(status: number): string {
  return ERRORS[status]?.[0] ?? (status >= 500 ? 'InternalServerException' : 'ValidationException');
}

export function bedrockError(status: number, message?: string): { message: string } {
  return { message: message ?? ERRORS[status]?.[1] ?? `Error ${status}.` };
}

export function bedrockHeaders(): OutgoingHttpHeaders {
  return { 'x-amzn-requestid': newId('') };
}

export function bedrockErrorHeaders(status: number, type = errorType(status)): OutgoingHttpHeaders {
  return { ...bedrockHeaders(), 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` };
}

export function hasAwsAuth(auth: string | string[] | undefined): boolean {
  return typeof auth === 'string' && (auth.startsWith('AWS4-HMAC-SHA256 Credential=') || /^Bearer\s+\S/i.test(auth));
}

/** A 400 ValidationException with Bedrock's message. */
export function validation(ctx: RequestContext, message: string): void {
  sendBody(ctx, 400, bedrockError(400, message), bedrockErrorHeaders(400));
}
