import { createHash } from 'node:crypto';
import type { TokenHttp, UnifiedError } from '../core/types.js';

/**
 * What the OAuth token sources (Google service accounts for Vertex, Microsoft Entra client
 * credentials for Azure) share: the form POST, reading `{access_token, expires_in}`, the error
 * they raise, and the credential fingerprint that goes into cache keys.
 */

/**
 * A token endpoint refused or failed. `status` is what the gateway should answer with: 401 when
 * the identity provider rejected the credentials (its 4xx), 502 when it failed or answered
 * nonsense. `body` is the unified error, ready to send.
 */
export class TokenFetchError extends Error {
  constructor(
    readonly status: number,
    readonly body: UnifiedError,
  ) {
    super(body.error.message);
    this.name = 'TokenFetchError';
  }
}

export interface FetchedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** POSTs `fields` as application/x-www-form-urlencoded and reads an OAuth 2.0 token response. */
export async function requestToken(provider: string, http: TokenHttp, url: string, fields: Record<string, string>): Promise<FetchedToken> {
  const response = await http({
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
  if (response.status < 200 || response.status >= 300) {
    throw new TokenFetchError(response.status >= 500 ? 502 : 401, oauthError(provider, response.status, response.json));
  }
  const json = response.json as Record<string, unknown> | null;
  const accessToken = json && typeof json.access_token === 'string' ? json.access_token : '';
  // Entra's v1 endpoint sends expires_in as a string; v2 and Google send a number.
  const expiresIn = Number(json?.expires_in);
  if (!accessToken || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new TokenFetchError(502, {
      error: { message: `${provider} error: the token endpoint answered without an access_token and expires_in`, type: 'token_error', param: null, code: null },
      provider,
    });
  }
  return { accessToken, expiresInSeconds: expiresIn };
}

/** OAuth 2.0 error bodies are `{error, error_description}` (RFC 6749 §5.2). */
function oauthError(provider: string, status: number, body: unknown): UnifiedError {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const code = typeof record.error === 'string' ? record.error : null;
  const description = typeof record.error_description === 'string' ? record.error_description : typeof body === 'string' && body ? body : `HTTP ${status}`;
  return {
    error: { message: `${provider} error: could not obtain an access token: ${description}`, type: code ?? 'token_error', param: null, code: null },
    provider,
  };
}

/**
 * A one-way fingerprint of credential material, for cache keys. Cached tokens must be keyed by
 * the secret too, not only by who it claims to be: keyed by client id or e-mail alone, anyone who
 * knows those (they are not secret) could send a wrong secret and be served the cached token of
 * the real one. SHA-256 of a high-entropy secret reveals nothing usable; it is still truncated,
 * since the key only has to tell credentials apart.
 */
export function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
