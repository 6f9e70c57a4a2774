import { isObject } from '../content.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';

/**
 * An OAuth2 token endpoint for end-to-end token flows: a Google service account's `token_uri`
 * (JWT bearer grant) or Entra's `/{tenant}/oauth2/v2.0/token` (client credentials) can point at
 * the mock. Every valid request gets a fresh `mock-token-<n>` (n counts from 1 per reset).
 */

type Json = Record<string, any>;

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function oauthError(status: number, error?: string, description?: string): Json {
  const code = error ?? (status === 401 ? 'invalid_client' : status >= 500 ? 'server_error' : status === 429 ? 'rate_limit_exceeded' : 'invalid_request');
  return { error: code, error_description: description ?? `Mock token endpoint error ${status}.` };
}

export function handleToken(ctx: RequestContext): void {
  const form: Json = isObject(ctx.body) ? ctx.body : {};
  if (!isObject(ctx.body) || ctx.badJson) return sendBody(ctx, 400, oauthError(400, 'invalid_request', 'Expected an application/x-www-form-urlencoded body.'));
  const grant = form.grant_type;
  if (grant === JWT_GRANT) {
    if (typeof form.assertion !== 'string' || !JWT.test(form.assertion)) return sendBody(ctx, 400, oauthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a JWT.'));
  } else if (grant === 'client_credentials') {
    const hasSecret = typeof form.client_secret === 'string' || typeof form.client_assertion === 'string' || typeof ctx.req.headers.authorization === 'string';
    if (typeof form.client_id !== 'string' && typeof ctx.req.headers.authorization !== 'string') return sendBody(ctx, 400, oauthError(400, 'invalid_request', 'client_id is required.'));
    if (!hasSecret) return sendBody(ctx, 401, oauthError(401, 'invalid_client', 'client_secret or client_assertion is required.'));
  } else {
    return sendBody(ctx, 400, oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${String(grant)}`));
  }
  const n = ++ctx.state.tokensIssued;
  sendBody(ctx, 200, { access_token: `mock-token-${n}`, expires_in: 3599, token_type: 'Bearer' }, { 'cache-control': 'no-store' });
}

export const oauthFlavour = { handle: handleToken, errorBody: (status: number) => oauthError(status) };
