import type { ProviderOptions, SignableRequest } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { awsRegion } from './model.js';
import type { AwsCredentials } from './sigv4.js';
import { signV4 } from './sigv4.js';
import { assumedCredentials, assumeRoleSettings, assumesRole } from './sts.js';

/**
 * How a Bedrock request authenticates:
 * - `aws_auth_type: apiKey`, or a Bedrock API key with no access keys → `Authorization: Bearer`;
 * - access key id + secret (+ session token) → SigV4, service `bedrock`, signed over the final body.
 * Access keys win over a bare API key because clients of the reference send both: the AWS keys in
 * x-portkey-aws-* headers and some bearer token the gateway reads as the API key.
 */
export type BedrockAuth =
  | { kind: 'apiKey'; apiKey: string }
  | { kind: 'sigv4'; credentials: AwsCredentials }
  /** Temporary credentials from STS AssumeRole (sts.ts), fetched by the gateway before signing. */
  | { kind: 'assumedRole'; credentials?: AwsCredentials };

const MISSING = 'bedrock needs AWS credentials (x-portkey-aws-access-key-id and x-portkey-aws-secret-access-key) or a Bedrock API key with x-portkey-aws-auth-type: apiKey';

export function bedrockAuth(options: ProviderOptions): BedrockAuth {
  const type = options.awsAuthType;
  if (assumesRole(options)) {
    assumeRoleSettings(options);
    return { kind: 'assumedRole', credentials: assumedCredentials(options) };
  }
  const apiKey = nonEmpty(options.apiKey);
  if (type === 'apiKey') {
    if (!apiKey) throw new UnsupportedRequestError('bedrock: aws_auth_type "apiKey" needs a Bedrock API key (Authorization: Bearer …)');
    return { kind: 'apiKey', apiKey };
  }
  const accessKeyId = nonEmpty(options.awsAccessKeyId);
  const secretAccessKey = nonEmpty(options.awsSecretAccessKey);
  if (accessKeyId && secretAccessKey) {
    const sessionToken = nonEmpty(options.awsSessionToken);
    return { kind: 'sigv4', credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
  }
  if (apiKey) return { kind: 'apiKey', apiKey };
  throw new UnsupportedRequestError(MISSING);
}

/** Static headers: the bearer key in API-key mode; SigV4 headers come from `signBedrockRequest`. */
export function bedrockHeaders(options: ProviderOptions): Record<string, string> {
  let auth: BedrockAuth;
  try {
    auth = bedrockAuth(options);
  } catch {
    // Reported as a 400 by path(); headers() must not throw outside the gateway's request checks.
    return {};
  }
  return auth.kind === 'apiKey' ? { authorization: `Bearer ${auth.apiKey.replace(/^Bearer\s+/i, '')}` } : {};
}

/**
 * SigV4 headers for the serialised request. Only content-type is signed from the request's own
 * headers (with host, x-amz-date, x-amz-content-sha256 and the session token): forwarded headers
 * and what the HTTP client adds stay unsigned, so they cannot break the signature.
 */
export function signBedrockRequest(request: SignableRequest, options: ProviderOptions, now: Date): Record<string, string> {
  const auth = bedrockAuth(options);
  if (auth.kind === 'apiKey') return {};
  // The gateway fetches the role's credentials before signing; without them nothing may be sent.
  if (!auth.credentials) throw new UnsupportedRequestError('bedrock: the assumed role\'s credentials were not obtained');
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return signV4(
    { method: request.method, url: request.url, headers: contentType ? { 'content-type': contentType } : {}, body: request.body },
    { region: awsRegion(options), service: 'bedrock', credentials: auth.credentials, now, contentSha256Header: true },
  ).headers;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
