import type { ProviderOptions, TokenHttp } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { TokenFetchError } from '../oauth/token-request.js';
import { azureEntraTokens } from './entra-tokens.js';

const OPTIONS: ProviderOptions = {
  provider: 'azure-openai',
  resourceName: 'acme',
  deploymentId: 'gpt-4o',
  azureEntraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  azureEntraClientId: '00000000-1111-2222-3333-444444444444',
  azureEntraClientSecret: 'Xy8Q~not-a-real-secret~1234567890abcdef',
};

function fakeHttp(status: number, json: unknown): TokenHttp & { calls: Parameters<TokenHttp>[0][] } {
  const calls: Parameters<TokenHttp>[0][] = [];
  const http = (async (request) => {
    calls.push(request);
    return { status, json };
  }) as TokenHttp & { calls: Parameters<TokenHttp>[0][] };
  http.calls = calls;
  return http;
}

describe('azureEntraTokens', () => {
  it('POSTs the client-credentials form to the tenant token endpoint with the default scope', async () => {
    const http = fakeHttp(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'eyJ0eXAi.entra' });
    await expect(azureEntraTokens.fetchToken(OPTIONS, http, new Date())).resolves.toEqual({ accessToken: 'eyJ0eXAi.entra', expiresInSeconds: 3599 });
    const [call] = http.calls;
    expect(call.url).toBe('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token');
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
      client_id: '00000000-1111-2222-3333-444444444444',
      client_secret: 'Xy8Q~not-a-real-secret~1234567890abcdef',
      grant_type: 'client_credentials',
      scope: 'https://cognitiveservices.azure.com/.default',
    });
  });

  it('uses a configured scope and accepts expires_in as a string', async () => {
    const http = fakeHttp(200, { access_token: 't', expires_in: '3600' });
    await expect(azureEntraTokens.fetchToken({ ...OPTIONS, azureEntraScope: 'https://ai.azure.com/.default' }, http, new Date())).resolves.toEqual({ accessToken: 't', expiresInSeconds: 3600 });
    expect(new URLSearchParams(http.calls[0].body).get('scope')).toBe('https://ai.azure.com/.default');
  });

  it('keys the cache by tenant, client and scope plus a fingerprint of the secret, never the secret', () => {
    const key = azureEntraTokens.cacheKey(OPTIONS)!;
    expect(key).toMatch(/^azure-entra:72f988bf-86f1-41af-91ab-2d7cd011db47:00000000-1111-2222-3333-444444444444:https:\/\/cognitiveservices\.azure\.com\/\.default:[0-9a-f]{32}$/);
    expect(key).not.toContain('not-a-real-secret');
    expect(azureEntraTokens.cacheKey({ ...OPTIONS, azureEntraClientSecret: 'wrong-secret' })).not.toBe(key);
    expect(azureEntraTokens.cacheKey({ ...OPTIONS, azureEntraScope: 'https://ai.azure.com/.default' })).not.toBe(key);
  });

  it('needs no token without Entra settings or when another auth mode is chosen', () => {
    expect(azureEntraTokens.cacheKey({ provider: 'azure-openai', apiKey: 'k' })).toBeUndefined();
    expect(azureEntraTokens.cacheKey({ ...OPTIONS, azureAuthMode: 'managed' })).toBeUndefined();
    expect(() => azureEntraTokens.cacheKey({ provider: 'azure-openai', azureAuthMode: 'entra', azureEntraTenantId: 't' })).toThrow(UnsupportedRequestError);
  });

  it('refuses a tenant that would change the token URL', () => {
    expect(() => azureEntraTokens.cacheKey({ ...OPTIONS, azureEntraTenantId: 'evil.com/x?' })).toThrow(/tenant/);
  });

  it("turns Entra's refusal into a 401 TokenFetchError", async () => {
    const http = fakeHttp(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
    const error = await azureEntraTokens.fetchToken(OPTIONS, http, new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenFetchError);
    expect(error).toMatchObject({
      status: 401,
      body: { error: { message: 'azure-openai error: could not obtain an access token: AADSTS7000215: Invalid client secret provided.', type: 'invalid_client' }, provider: 'azure-openai' },
    });
  });
});
