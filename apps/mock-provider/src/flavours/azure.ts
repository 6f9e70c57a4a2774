import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { hasBearer, headersFor, serveOpenAIEndpoint } from './openai.js';

/**
 * Azure OpenAI: OpenAI's bodies behind per-deployment paths, `api-key` (or Entra bearer) auth,
 * a mandatory `api-version` on the classic paths, and Azure's own `{"error":{"code","message"}}`
 * envelope for gateway-level errors (auth, routing, throttling).
 */

const AZURE_MESSAGES: Record<number, [code: string, message: string]> = {
  400: ['BadRequest', 'The request is invalid.'],
  401: [
    '401',
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  ],
  403: ['403', 'Access denied. The principal does not have access to this resource.'],
  404: ['DeploymentNotFound', 'The API deployment for this resource does not exist.'],
  408: ['Timeout', 'The operation was timeout.'],
  429: [
    '429',
    'Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second.',
  ],
  500: ['InternalServerError', 'The server had an error while processing your request.'],
  503: ['ServiceUnavailable', 'The service is temporarily unable to process your request. Please try again later.'],
};

export function azureError(status: number, message?: string): Record<string, unknown> {
  const d = AZURE_MESSAGES[status] ?? [String(status), `Error ${status}.`];
  return { error: { code: d[0], message: message ?? d[1] } };
}

export function handleAzure(ctx: RequestContext): void {
  const h = ctx.req.headers;
  const key = h['api-key'];
  if (!((typeof key === 'string' && key !== '') || hasBearer(h.authorization))) {
    sendBody(ctx, 401, azureError(401), headersFor('azure'));
    return;
  }
  // Classic deployment paths are unroutable without an api-version; Azure answers 404.
  if (ctx.route.pathModel !== undefined && !/(^|&)api-version=[^&]+/.test(ctx.search)) {
    sendBody(ctx, 404, { error: { code: '404', message: 'Resource not found' } }, headersFor('azure'));
    return;
  }
  serveOpenAIEndpoint(ctx, 'azure');
}

export const azureFlavour = { handle: handleAzure, errorBody: (status: number) => azureError(status) };
