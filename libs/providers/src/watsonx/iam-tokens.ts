import type { ProviderOptions, TokenSource } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { fingerprint, requestToken } from '../oauth/token-request.js';

/**
 * IBM Cloud IAM: an IBM Cloud API key is exchanged for a bearer token (about an hour) by POSTing
 * `grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=…` to iam.cloud.ibm.com. With
 * `watsonx_auth_type: bearer` (watsonx.ai software, or a token minted elsewhere) the key is
 * already the bearer token and nothing is fetched.
 */
export const IAM_TOKEN_URL = 'https://iam.cloud.ibm.com/identity/token';

export function usesIam(options: ProviderOptions): boolean {
  return options.watsonxAuthType !== 'bearer';
}

function apiKey(options: ProviderOptions): string {
  const key = typeof options.apiKey === 'string' ? options.apiKey.replace(/^Bearer\s+/i, '').trim() : '';
  if (!key) throw new UnsupportedRequestError('watsonx needs an IBM Cloud API key (Authorization: Bearer <api key>)');
  return key;
}

export const watsonxIamTokens: TokenSource = {
  cacheKey(options) {
    return usesIam(options) ? `watsonx-iam:${fingerprint(apiKey(options))}` : undefined;
  },
  fetchToken(options, http) {
    return requestToken('watsonx', http, IAM_TOKEN_URL, { grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: apiKey(options) });
  },
};

/** The bearer token to send: the fetched IAM token, or the caller's own token in bearer mode. */
export function watsonxBearer(options: ProviderOptions): string | undefined {
  if (usesIam(options)) return typeof options.accessToken === 'string' ? options.accessToken : undefined;
  return typeof options.apiKey === 'string' && options.apiKey ? options.apiKey.replace(/^Bearer\s+/i, '') : undefined;
}
