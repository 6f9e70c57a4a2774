import { verify } from 'node:crypto';
import type { TokenHttp } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { TokenFetchError } from '../oauth/token-request.js';
import { OPTIONS, testServiceAccount } from './__fixtures__/context.js';
import { serviceAccountJwt, vertexTokens } from './google-oauth.js';

const NOW = new Date('2025-01-15T08:00:00Z');
const { json: SA, publicKey } = testServiceAccount();
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A token endpoint stand-in that records what it was sent. */
function fakeHttp(status: number, json: unknown): TokenHttp & { calls: Parameters<TokenHttp>[0][] } {
  const calls: Parameters<TokenHttp>[0][] = [];
  const http = (async (request) => {
    calls.push(request);
    return { status, json };
  }) as TokenHttp & { calls: Parameters<TokenHttp>[0][] };
  http.calls = calls;
  return http;
}

describe('serviceAccountJwt', () => {
  const jwt = serviceAccountJwt({ client_email: SA.client_email, private_key: SA.private_key, private_key_id: SA.private_key_id }, NOW);
  const [header, claims, signature] = jwt.split('.');

  it('has the RS256 header naming the key', () => {
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'a1b2c3d4e5f6' });
  });

  it('claims the account, the cloud-platform scope and the token endpoint, for one hour', () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    expect(decode(claims)).toEqual({
      iss: 'gateway@sa-project.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: 'https://oauth2.googleapis.com/token',
      iat,
      exp: iat + 3600,
    });
  });

  it('is signed with the account key (RSASSA-PKCS1-v1_5 / SHA-256), verifiable with its public key', () => {
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verify('sha256', Buffer.from(`${header}.${claims}x`), publicKey, Buffer.from(signature, 'base64url'))).toBe(false);
  });

  it('refuses a private key that is not PEM', () => {
    expect(() => serviceAccountJwt({ client_email: 'a@b', private_key: 'nope' }, NOW)).toThrow(UnsupportedRequestError);
  });
});

describe('vertexTokens', () => {
  const options = { ...OPTIONS, vertexServiceAccountJson: JSON.stringify(SA) };

  it('POSTs the JWT bearer grant as a form to the fixed Google token endpoint', async () => {
    const http = fakeHttp(200, { access_token: 'ya29.fetched', expires_in: 3599, token_type: 'Bearer' });
    await expect(vertexTokens.fetchToken(options, http, NOW)).resolves.toEqual({ accessToken: 'ya29.fetched', expiresInSeconds: 3599 });
    expect(http.calls).toHaveLength(1);
    const [call] = http.calls;
    expect(call.url).toBe('https://oauth2.googleapis.com/token');
    expect(call.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
    const form = new URLSearchParams(call.body);
    expect([...form.keys()]).toEqual(['grant_type', 'assertion']);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims, signature] = form.get('assertion')!.split('.');
    expect(decode(claims)).toMatchObject({ iss: SA.client_email, aud: 'https://oauth2.googleapis.com/token' });
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it("ignores the key file's token_uri, so a request cannot redirect the signed assertion", async () => {
    const http = fakeHttp(200, { access_token: 't', expires_in: 3600 });
    await vertexTokens.fetchToken({ ...options, vertexServiceAccountJson: { ...SA, token_uri: 'https://attacker.example/token' } }, http, NOW);
    expect(http.calls[0].url).toBe('https://oauth2.googleapis.com/token');
  });

  it('keys the cache by account and a fingerprint of its key, never the key itself', () => {
    const key = vertexTokens.cacheKey(options)!;
    expect(key).toMatch(/^vertex-ai:gateway@sa-project\.iam\.gserviceaccount\.com:[0-9a-f]{32}$/);
    const pemBody = SA.private_key.split('\n').slice(1, -2).join('');
    expect(key).not.toContain(pemBody.slice(0, 40));
    expect(key).not.toContain('PRIVATE KEY');
    // Same e-mail and key id, another key: another token, or a forged key could reuse a cached one.
    const other = testServiceAccount().json;
    expect(vertexTokens.cacheKey({ ...options, vertexServiceAccountJson: { ...SA, private_key: other.private_key } })).not.toBe(key);
    // The same credentials as an object or a string share the cache.
    expect(vertexTokens.cacheKey({ ...OPTIONS, vertexServiceAccountJson: SA })).toBe(key);
  });

  it('turns a refusal from Google into a 401 TokenFetchError with its description', async () => {
    const http = fakeHttp(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const error = await vertexTokens.fetchToken(options, http, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenFetchError);
    expect((error as TokenFetchError).status).toBe(401);
    expect((error as TokenFetchError).body).toEqual({
      error: { message: 'vertex-ai error: could not obtain an access token: Invalid JWT Signature.', type: 'invalid_grant', param: null, code: null },
      provider: 'vertex-ai',
    });
  });

  it('reports an outage or an answer without a token as a 502', async () => {
    await expect(vertexTokens.fetchToken(options, fakeHttp(503, 'unavailable'), NOW)).rejects.toMatchObject({ status: 502 });
    await expect(vertexTokens.fetchToken(options, fakeHttp(200, { token_type: 'Bearer' }), NOW)).rejects.toMatchObject({ status: 502 });
  });
});
