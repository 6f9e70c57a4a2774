import type { ProviderOptions, TokenSource, UnifiedError } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { TokenFetchError, fingerprint } from '../oauth/token-request.js';
import { awsRegion } from './model.js';
import type { AwsCredentials } from './sigv4.js';
import { signV4 } from './sigv4.js';

/**
 * `aws_auth_type: assumedRole`: the caller's access keys (or the virtual key's) assume
 * `aws_role_arn` (with `aws_external_id` when the role's trust policy asks for one) through STS
 * AssumeRole, and Bedrock is called with the temporary credentials. The gateway fetches them
 * through its token cache (one STS call per role and base key, reused until shortly before they
 * expire); they travel in `options.accessToken` as JSON, since a token source yields one string.
 */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const SESSION_SECONDS = 3600;

export interface AssumeRoleSettings {
  roleArn: string;
  externalId?: string;
  base: AwsCredentials;
}

export function assumeRoleSettings(options: ProviderOptions): AssumeRoleSettings {
  const roleArn = text(options.awsRoleArn);
  if (!roleArn || !ROLE_ARN.test(roleArn)) throw new UnsupportedRequestError('bedrock: aws_auth_type "assumedRole" needs aws_role_arn, an IAM role ARN (arn:aws:iam::<account>:role/<name>)');
  const accessKeyId = text(options.awsAccessKeyId);
  const secretAccessKey = text(options.awsSecretAccessKey);
  if (!accessKeyId || !secretAccessKey) {
    throw new UnsupportedRequestError('bedrock: aws_auth_type "assumedRole" needs the access keys that assume the role (x-portkey-aws-access-key-id and x-portkey-aws-secret-access-key)');
  }
  const sessionToken = text(options.awsSessionToken);
  const externalId = text(options.awsExternalId);
  return { roleArn, ...(externalId ? { externalId } : {}), base: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/**
 * `aws_auth_type: assumedRole`, or a role ARN with no auth type at all (virtual keys store
 * `aws_role_arn` but have no auth-type setting: a stored role is there to be assumed).
 */
export function assumesRole(options: ProviderOptions): boolean {
  return options.awsAuthType === 'assumedRole' || (options.awsAuthType === undefined && typeof options.awsRoleArn === 'string' && options.awsRoleArn.trim() !== '');
}

export const stsAssumeRoleTokens: TokenSource = {
  cacheKey(options) {
    if (!assumesRole(options)) return undefined;
    const s = assumeRoleSettings(options);
    // Keyed by the base secret too: the right role ARN with a wrong key must not get the cached credentials.
    return `aws-sts:${s.roleArn}:${s.externalId ?? ''}:${fingerprint(s.base.accessKeyId, s.base.secretAccessKey)}`;
  },
  async fetchToken(options, http, now) {
    const s = assumeRoleSettings(options);
    const region = awsRegion(options);
    const url = `https://sts.${region}.amazonaws.com/`;
    const form = new URLSearchParams({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: s.roleArn,
      RoleSessionName: `aigw-${now.getTime()}`,
      DurationSeconds: String(SESSION_SECONDS),
      ...(s.externalId ? { ExternalId: s.externalId } : {}),
    }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' };
    const signed = signV4({ method: 'POST', url, headers, body: form }, { region, service: 'sts', credentials: s.base, now }).headers;
    const response = await http({ url, headers: { ...headers, ...signed }, body: form });
    if (response.status < 200 || response.status >= 300) throw new TokenFetchError(response.status >= 500 ? 502 : 401, stsError(response.status, response.json));
    const credentials = readCredentials(response.json);
    if (!credentials) throw new TokenFetchError(502, stsError(502, 'STS answered without credentials'));
    const expiresInSeconds = Math.max(60, Math.floor((credentials.expiration - now.getTime()) / 1000));
    return { accessToken: JSON.stringify(credentials.keys), expiresInSeconds };
  },
};

/** The temporary credentials the token source put in `options.accessToken`. */
export function assumedCredentials(options: ProviderOptions): AwsCredentials | undefined {
  if (typeof options.accessToken !== 'string') return undefined;
  try {
    const c = JSON.parse(options.accessToken) as Partial<AwsCredentials>;
    return c.accessKeyId && c.secretAccessKey ? { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** STS JSON: `{AssumeRoleResponse: {AssumeRoleResult: {Credentials: {AccessKeyId, SecretAccessKey, SessionToken, Expiration}}}}`, Expiration in epoch seconds. */
function readCredentials(json: unknown): { keys: AwsCredentials; expiration: number } | undefined {
  const c = (json as { AssumeRoleResponse?: { AssumeRoleResult?: { Credentials?: Record<string, unknown> } } } | undefined)?.AssumeRoleResponse?.AssumeRoleResult?.Credentials;
  if (!c || typeof c.AccessKeyId !== 'string' || typeof c.SecretAccessKey !== 'string' || typeof c.SessionToken !== 'string') return undefined;
  const expiration = typeof c.Expiration === 'number' ? c.Expiration * 1000 : Date.parse(String(c.Expiration));
  return { keys: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, expiration: Number.isFinite(expiration) ? expiration : 0 };
}

/** STS errors (JSON): `{Error: {Code, Message, Type}, RequestId}`. */
function stsError(status: number, body: unknown): UnifiedError {
  const e = (body as { Error?: { Code?: unknown; Message?: unknown } } | undefined)?.Error;
  const message = typeof e?.Message === 'string' ? e.Message : typeof body === 'string' && body ? body : `HTTP ${status}`;
  const code = typeof e?.Code === 'string' ? e.Code : null;
  return { error: { message: `bedrock error: could not assume the role: ${message}`, type: code ?? 'sts_error', param: null, code }, provider: 'bedrock' };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
