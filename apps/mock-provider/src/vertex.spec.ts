import { parseSse, startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const BEARER = { authorization: 'Bearer ya29.mock' };
const BASE = '/v1/projects/my-proj/locations/us-east5/publishers';
function post(path: string, body: unknown, headers: Record<string, string> = BEARER): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const CLAUDE = 'claude-3-5-sonnet-v2@20241022';
const claudeBody = (extra: Record<string, unknown> = {}) => ({
  anthropic_version: 'vertex-2023-10-16',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Hi Vertex' }],
  ...extra,
});

describe('Vertex AI: Google publisher models', () => {
  it('serves generateContent like Gemini, keyed by the path model, bearer only', async () => {
    const res = await post(`${BASE}/google/models/gemini-1.5-pro:generateContent`, { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({
      candidates: [{ content: { parts: [{ text: 'Hello from mock vertex: Hello' }], role: 'model' }, finishReason: 'STOP' }],
      modelVersion: 'gemini-1.5-pro',
    });
    expect(mock.requests('gemini-1.5-pro')[0]).toMatchObject({ flavour: 'vertex', endpoint: 'generateContent' });
    const noAuth = await post(`${BASE}/google/models/gemini-1.5-pro:generateContent?key=abc`, { contents: [] }, {});
    expect(noAuth.status).toBe(401);
    expect((await bodyOf(noAuth)).error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
  });

  it('streams streamGenerateContent with alt=sse', async () => {
    const res = await post(`${BASE}/google/models/gemini-1.5-pro:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
    const chunks = parseSse(await res.text()).map((e) => JSON.parse(e.data));
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join('')).toBe('Hello from mock vertex: Hello');
  });

  it('predict answers text embeddings with statistics, and Imagen images', async () => {
    const emb = await bodyOf(
      await post(`${BASE}/google/models/text-embedding-005:predict`, { instances: [{ content: 'one two' }, { content: 'three' }], parameters: { outputDimensionality: 3 } }),
    );
    expect(emb).toEqual({
      predictions: [
        { embeddings: { values: [expect.any(Number), expect.any(Number), expect.any(Number)], statistics: { token_count: 2, truncated: false } } },
        { embeddings: { values: expect.any(Array), statistics: { token_count: 1, truncated: false } } },
      ],
      metadata: { billableCharacterCount: 11 },
    });
    const img = await bodyOf(await post(`${BASE}/google/models/imagen-3.0-generate-002:predict`, { instances: [{ prompt: 'a fox' }], parameters: { sampleCount: 2 } }));
    expect(img.predictions).toHaveLength(2);
    expect(img.predictions[0]).toEqual({ bytesBase64Encoded: expect.any(String), mimeType: 'image/png' });
  });
});

describe('Vertex AI: Anthropic publisher models', () => {
  it('rawPredict answers a Messages response with the model from the path', async () => {
    const res = await post(`${BASE}/anthropic/models/${CLAUDE}:rawPredict`, claudeBody());
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({
      type: 'message',
      model: CLAUDE,
      content: [{ type: 'text', text: 'Hello from mock vertex: Hi Vertex' }],
      usage: { input_tokens: 2, output_tokens: 6 },
    });
    expect(mock.requests(CLAUDE)[0]).toMatchObject({ flavour: 'vertex', endpoint: 'rawPredict', model: CLAUDE });
  });

  it('streamRawPredict streams Anthropic events; anthropic_version is required', async () => {
    const res = await post(`${BASE}/anthropic/models/${CLAUDE}:streamRawPredict`, claudeBody({ stream: true }));
    const events = parseSse(await res.text());
    expect(events[0]!.event).toBe('message_start');
    expect(JSON.parse(events[0]!.data).message.model).toBe(CLAUDE);
    expect(events.at(-1)!.event).toBe('message_stop');
    const bad = await post(`${BASE}/anthropic/models/${CLAUDE}:rawPredict`, { max_tokens: 5, messages: [] });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error).toEqual({ type: 'invalid_request_error', message: 'anthropic_version: Field required' });
  });

  it('scripted statuses use Google’s envelope; stream faults use Anthropic’s error event', async () => {
    mock.scenario(CLAUDE, [{ status: 429 }, { errorEventAfterChunks: 1 }]);
    const limited = await post(`${BASE}/anthropic/models/${CLAUDE}:rawPredict`, claudeBody());
    expect(limited.status).toBe(429);
    expect((await bodyOf(limited)).error.status).toBe('RESOURCE_EXHAUSTED');
    const events = parseSse(await (await post(`${BASE}/anthropic/models/${CLAUDE}:streamRawPredict`, claudeBody({ stream: true }))).text());
    expect(events.map((e) => e.event)).toEqual(['message_start', 'error']);
  });
});

describe('OAuth2 token endpoint', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJzYUBwLmlhbS5nc2VydmljZWFjY291bnQuY29tIn0.c2ln';

  it('issues mock-token-<n> for a JWT-bearer grant and records the form fields', async () => {
    const grant = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: JWT };
    const first = await fetch(`${mock.url}/token`, { method: 'POST', body: form(grant) });
    expect(first.status).toBe(200);
    expect(await bodyOf(first)).toEqual({ access_token: 'mock-token-1', expires_in: 3599, token_type: 'Bearer' });
    expect((await bodyOf(await fetch(`${mock.url}/token`, { method: 'POST', body: form(grant) }))).access_token).toBe('mock-token-2');
    const [r] = mock.requests('oauth-token');
    expect(r).toMatchObject({ flavour: 'oauth', endpoint: 'token', path: '/token', body: grant, bodySize: form(grant).toString().length });
    expect(mock.count('oauth-token')).toBe(2);
    mock.reset();
    expect((await bodyOf(await fetch(`${mock.url}/token`, { method: 'POST', body: form(grant) }))).access_token).toBe('mock-token-1');
  });

  it('serves Entra client credentials on /{tenant}/oauth2/v2.0/token', async () => {
    const res = await fetch(`${mock.url}/tenant-1/oauth2/v2.0/token`, {
      method: 'POST',
      body: form({ grant_type: 'client_credentials', client_id: 'app', client_secret: 's3cret', scope: 'https://cognitiveservices.azure.com/.default' }),
    });
    expect(await bodyOf(res)).toEqual({ access_token: 'mock-token-1', expires_in: 3599, token_type: 'Bearer' });
    expect(mock.requests()[0]!.body).toMatchObject({ client_id: 'app', scope: 'https://cognitiveservices.azure.com/.default' });
  });

  it('rejects unknown grants, bad assertions and missing secrets in OAuth’s error shape; can be scripted', async () => {
    const unsupported = await fetch(`${mock.url}/token`, { method: 'POST', body: form({ grant_type: 'password' }) });
    expect(unsupported.status).toBe(400);
    expect((await bodyOf(unsupported)).error).toBe('unsupported_grant_type');
    const badJwt = await fetch(`${mock.url}/token`, { method: 'POST', body: form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'nope' }) });
    expect((await bodyOf(badJwt)).error).toBe('invalid_grant');
    const noSecret = await fetch(`${mock.url}/token`, { method: 'POST', body: form({ grant_type: 'client_credentials', client_id: 'app' }) });
    expect(noSecret.status).toBe(401);
    mock.scenario('oauth-token', [{ status: 503, delayMs: 20 }]);
    const down = await fetch(`${mock.url}/token`, { method: 'POST', body: form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: JWT }) });
    expect(down.status).toBe(503);
    expect((await bodyOf(down)).error).toBe('server_error');
  });
});
