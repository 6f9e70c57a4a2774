import type { TokenHttp } from '../core/types.js';
import { TokenFetchError } from '../oauth/token-request.js';
import { AWS_KEYS, chatCtx } from './__fixtures__/context.js';
import { bedrock } from './bedrock.provider.js';
import { stsAssumeRoleTokens } from './sts.js';

const ROLE = 'arn:aws:iam::123456789012:role/bedrock-invoke';
const OPTIONS = { ...AWS_KEYS, awsRegion: 'eu-west-1', awsAuthType: 'assumedRole', awsRoleArn: ROLE, awsExternalId: 'ext-42' };
const NOW = new Date('2026-01-02T03:04:05Z');

/** STS AssumeRole's JSON answer (Accept: application/json), from AWS's API reference. */
const STS_OK = {
  AssumeRoleResponse: {
    AssumeRoleResult: {
      AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/bedrock-invoke/aigw', AssumedRoleId: 'AROA:aigw' },
      Credentials: { AccessKeyId: 'ASIATEMP', SecretAccessKey: 'temp-secret', SessionToken: 'temp-session', Expiration: NOW.getTime() / 1000 + 3600 },
    },
  },
};

function fakeHttp(status: number, json: unknown): TokenHttp & { calls: { url: string; headers: Record<string, string>; body: string }[] } {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const http = (async (request: { url: string; headers: Record<string, string>; body: string }) => {
    calls.push(request);
    return { status, json };
  }) as TokenHttp & { calls: typeof calls };
  http.calls = calls;
  return http;
}

describe('bedrock assumed role (STS)', () => {
  it('calls AssumeRole in the region, signed with the base keys, and returns the temporary credentials', async () => {
    const http = fakeHttp(200, STS_OK);
    const token = await stsAssumeRoleTokens.fetchToken(OPTIONS, http, NOW);
    expect(token.expiresInSeconds).toBe(3600);
    expect(JSON.parse(token.accessToken)).toEqual({ accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: 'temp-session' });
    const [call] = http.calls;
    expect(call.url).toBe('https://sts.eu-west-1.amazonaws.com/');
    expect(Object.fromEntries(new URLSearchParams(call.body))).toMatchObject({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE, ExternalId: 'ext-42', DurationSeconds: '3600' });
    expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/eu-west-1\/sts\/aws4_request/);
    expect(call.headers.accept).toBe('application/json');
  });

  it('signs Bedrock calls with the temporary credentials, not the base keys', () => {
    const ctx = chatCtx({ options: { ...OPTIONS, accessToken: JSON.stringify({ accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: 'temp-session' }) } });
    expect(bedrock.endpoints.chatComplete!.path({ model: 'amazon.nova-pro-v1:0' }, ctx)).toBe('/model/amazon.nova-pro-v1%3A0/converse');
    const signed = bedrock.sign!({ method: 'POST', url: 'https://bedrock-runtime.eu-west-1.amazonaws.com/model/x/converse', headers: { 'content-type': 'application/json' }, body: '{}' }, ctx, NOW);
    expect(signed.authorization).toMatch(/Credential=ASIATEMP\//);
    expect(signed['x-amz-security-token']).toBe('temp-session');
  });

  it('keys the cache by role, external id and a fingerprint of the base secret', () => {
    const key = stsAssumeRoleTokens.cacheKey(OPTIONS)!;
    expect(key).toMatch(/^aws-sts:arn:aws:iam::123456789012:role\/bedrock-invoke:ext-42:[0-9a-f]{32}$/);
    expect(key).not.toContain(AWS_KEYS.awsSecretAccessKey);
    expect(stsAssumeRoleTokens.cacheKey({ ...OPTIONS, awsSecretAccessKey: 'other' })).not.toBe(key);
    expect(stsAssumeRoleTokens.cacheKey(AWS_KEYS)).toBeUndefined();
    // A stored role ARN (virtual keys have no auth-type setting) is assumed; an explicit other type wins.
    expect(stsAssumeRoleTokens.cacheKey({ ...AWS_KEYS, awsRoleArn: ROLE })).toMatch(/^aws-sts:/);
    expect(stsAssumeRoleTokens.cacheKey({ ...AWS_KEYS, awsRoleArn: ROLE, awsAuthType: 'apiKey', apiKey: 'k' })).toBeUndefined();
  });

  it('refuses a malformed role ARN, and turns an STS refusal into a 401', async () => {
    expect(() => stsAssumeRoleTokens.cacheKey({ ...OPTIONS, awsRoleArn: 'not-an-arn' })).toThrow(/aws_role_arn/);
    const error = await stsAssumeRoleTokens
      .fetchToken(OPTIONS, fakeHttp(403, { Error: { Code: 'AccessDenied', Message: 'User is not authorized to perform: sts:AssumeRole', Type: 'Sender' } }), NOW)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenFetchError);
    expect(error).toMatchObject({ status: 401, body: { error: { message: 'bedrock error: could not assume the role: User is not authorized to perform: sts:AssumeRole', code: 'AccessDenied' } } });
  });
});
