import { UnsupportedRequestError } from '../core/types.js';
import { OPTIONS, ctx, testServiceAccount } from './__fixtures__/context.js';
import { vertexAi } from './vertex-ai.provider.js';

const chat = vertexAi.endpoints.chatComplete!;
const SA = testServiceAccount().json;

describe('vertex-ai provider: URLs', () => {
  it('uses the regional host, and the global host for the global location', () => {
    expect(vertexAi.id).toBe('vertex-ai');
    expect(vertexAi.baseUrl(OPTIONS)).toBe('https://us-central1-aiplatform.googleapis.com');
    expect(vertexAi.baseUrl({ ...OPTIONS, vertexRegion: 'global' })).toBe('https://aiplatform.googleapis.com');
  });

  it('names the missing header when region or project is absent', () => {
    expect(() => vertexAi.baseUrl({ provider: 'vertex-ai' })).toThrow(UnsupportedRequestError);
    expect(() => vertexAi.baseUrl({ provider: 'vertex-ai' })).toThrow(/x-portkey-vertex-region/);
    expect(() => chat.path({ model: 'gemini-2.5-pro' }, ctx({ options: { ...OPTIONS, vertexProjectId: undefined } }))).toThrow(/x-portkey-vertex-project-id/);
  });

  it('refuses a region that would change the host name', () => {
    expect(() => vertexAi.baseUrl({ ...OPTIONS, vertexRegion: 'evil.example.com/#' })).toThrow(/invalid region/);
  });

  it('routes Gemini models to publishers/google generateContent, streaming with alt=sse', () => {
    expect(chat.path({ model: 'gemini-2.5-pro' }, ctx())).toBe('/v1/projects/acme-ml/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent');
    expect(chat.path({ model: 'google.gemini-2.5-flash' }, ctx({ stream: true }))).toBe(
      '/v1/projects/acme-ml/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('routes Claude models to publishers/anthropic rawPredict / streamRawPredict', () => {
    expect(chat.path({ model: 'anthropic.claude-sonnet-4@20250514' }, ctx())).toBe(
      '/v1/projects/acme-ml/locations/us-central1/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict',
    );
    expect(chat.path({ model: 'claude-3-5-haiku@20241022' }, ctx({ stream: true, options: { ...OPTIONS, vertexRegion: 'global' } }))).toBe(
      '/v1/projects/acme-ml/locations/global/publishers/anthropic/models/claude-3-5-haiku@20241022:streamRawPredict',
    );
  });

  it('keeps the model one path segment and refuses publishers it cannot speak to', () => {
    expect(chat.path({ model: 'gemini:x/../../y' }, ctx())).toBe('/v1/projects/acme-ml/locations/us-central1/publishers/google/models/gemini%3Ax%2F..%2F..%2Fy:generateContent');
    expect(() => chat.path({ model: 'endpoints.1234567' }, ctx())).toThrow(/publisher "endpoints"/);
    expect(() => chat.path({}, ctx())).toThrow(/model is required/);
  });

  it("takes the project from the service account when none is configured, and the configured one over it", () => {
    const withSa = { provider: 'vertex-ai', vertexRegion: 'europe-west4', vertexServiceAccountJson: JSON.stringify(SA) };
    expect(chat.path({ model: 'gemini-2.5-pro' }, ctx({ options: withSa }))).toContain('/projects/sa-project/locations/europe-west4/');
    expect(chat.path({ model: 'gemini-2.5-pro' }, ctx({ options: { ...withSa, vertexProjectId: 'explicit' } }))).toContain('/projects/explicit/');
  });

  it('serves embeddings from Google models through :predict', () => {
    expect(vertexAi.endpoints.embed!.path({ model: 'text-embedding-005' }, ctx({ endpoint: 'embed' }))).toBe(
      '/v1/projects/acme-ml/locations/us-central1/publishers/google/models/text-embedding-005:predict',
    );
  });
});

describe('vertex-ai provider: auth', () => {
  it('sends the client token as the bearer when there is no service account', () => {
    expect(vertexAi.headers(ctx())).toEqual({ authorization: 'Bearer ya29.access-token' });
    expect(vertexAi.tokens!.cacheKey(OPTIONS)).toBeUndefined();
  });

  it('with a service account, sends only the fetched token, never the client bearer', () => {
    const options = { ...OPTIONS, apiKey: 'client-bearer', vertexServiceAccountJson: SA };
    expect(vertexAi.headers(ctx({ options }))).toEqual({});
    expect(vertexAi.headers(ctx({ options: { ...options, accessToken: 'ya29.fetched' } }))).toEqual({ authorization: 'Bearer ya29.fetched' });
  });

  it('answers a 400 before any I/O when there are no credentials', () => {
    expect(() => chat.path({ model: 'gemini-2.5-pro' }, ctx({ options: { ...OPTIONS, apiKey: undefined } }))).toThrow(/needs credentials/);
  });

  it('reports a malformed service account JSON as a 400', () => {
    expect(() => chat.path({ model: 'gemini-2.5-pro' }, ctx({ options: { ...OPTIONS, vertexServiceAccountJson: '{not json' } }))).toThrow(/not valid JSON/);
    expect(() => vertexAi.tokens!.cacheKey({ ...OPTIONS, vertexServiceAccountJson: { client_email: 'x@y' } })).toThrow(/client_email and private_key/);
  });
});

describe('vertex-ai provider: errors', () => {
  it("maps Google's error shape, keeping the gRPC status and code", () => {
    expect(vertexAi.error(403, { error: { code: 403, message: "Permission 'aiplatform.endpoints.predict' denied", status: 'PERMISSION_DENIED' } }, ctx())).toEqual({
      error: { message: "vertex-ai error: Permission 'aiplatform.endpoints.predict' denied", type: 'PERMISSION_DENIED', param: null, code: '403' },
      provider: 'vertex-ai',
    });
    expect(vertexAi.error(429, [{ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }], ctx()).error.type).toBe('RESOURCE_EXHAUSTED');
  });

  it("maps Anthropic's error shape from rawPredict", () => {
    expect(vertexAi.error(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, ctx())).toEqual({
      error: { message: 'vertex-ai error: Overloaded', type: 'overloaded_error', param: null, code: null },
      provider: 'vertex-ai',
    });
  });

  it('falls back for plain text', () => {
    expect(vertexAi.error(502, 'upstream connect error', ctx()).error.message).toBe('vertex-ai error: upstream connect error');
  });
});
