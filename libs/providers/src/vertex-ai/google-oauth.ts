import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { TokenSource } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { fingerprint, requestToken } from '../oauth/token-request.js';
import type { ServiceAccount } from './service-account.js';
import { serviceAccount } from './service-account.js';

/**
 * Google's OAuth 2.0 service-account flow (the JWT bearer grant, RFC 7523): sign a JWT with the
 * account's RSA key (RS256), POST it to Google's token endpoint, get a one-hour access token.
 *
 * The token endpoint is fixed rather than read from the key file's `token_uri`: that file comes
 * from the client, and following a URL from it would let a request make the gateway POST a signed
 * assertion wherever it likes.
 */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts assertions valid for at most one hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

export function serviceAccountJwt(sa: ServiceAccount, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(sa.private_key_id ? { kid: sa.private_key_id } : {}) };
  const claims = { iss: sa.client_email, scope: CLOUD_PLATFORM_SCOPE, aud: GOOGLE_TOKEN_URL, iat, exp: iat + ASSERTION_LIFETIME_SECONDS };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(input), privateKey(sa.private_key));
  return `${input}.${signature.toString('base64url')}`;
}

function privateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new UnsupportedRequestError('vertex-ai: the service account private_key is not a valid PEM private key');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * The Vertex token source: needed only when a service account is configured (an OAuth token sent
 * as the API key is used as is). The cache key names the account and fingerprints its key id and
 * private key, so a request carrying someone's client_email with a different key never shares
 * their token.
 */
export const vertexTokens: TokenSource = {
  cacheKey(options) {
    const sa = serviceAccount(options);
    if (!sa) return undefined;
    return `vertex-ai:${sa.client_email}:${fingerprint(sa.private_key_id ?? '', sa.private_key)}`;
  },
  async fetchToken(options, http, now) {
    const sa = serviceAccount(options);
    if (!sa) throw new UnsupportedRequestError('vertex-ai: no service account to fetch a token for');
    return requestToken('vertex-ai', http, GOOGLE_TOKEN_URL, { grant_type: JWT_BEARER_GRANT, assertion: serviceAccountJwt(sa, now) });
  },
};
