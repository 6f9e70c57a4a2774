import { startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const BEARER = { authorization: 'Bearer sk-x' };
function post(path: string, body: unknown, headers: Record<string, string> = BEARER): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const isPng = (b: Buffer) => b.subarray(1, 4).toString('latin1') === 'PNG';

describe('Stability AI', () => {
  it('v1 text-to-image answers artifacts (one per sample), keyed by the engine', async () => {
    const json = await bodyOf(await post('/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image', { text_prompts: [{ text: 'a castle' }], samples: 2, seed: 10 }));
    expect(json.artifacts).toEqual([
      { base64: expect.any(String), finishReason: 'SUCCESS', seed: 10 },
      { base64: expect.any(String), finishReason: 'SUCCESS', seed: 11 },
    ]);
    expect(isPng(Buffer.from(json.artifacts[0].base64, 'base64'))).toBe(true);
    expect(mock.requests('stable-diffusion-xl-1024-v1-0')[0]).toMatchObject({ flavour: 'stability', endpoint: 'text_to_image' });
    const png = await post('/v1/generation/sdxl/text-to-image', { text_prompts: [{ text: 'a castle' }] }, { ...BEARER, accept: 'image/png' });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(isPng(Buffer.from(await png.arrayBuffer()))).toBe(true);
  });

  it('v2beta stable-image takes multipart; JSON with accept: application/json, else PNG bytes', async () => {
    const form = () => {
      const f = new FormData();
      f.append('prompt', 'a lighthouse');
      f.append('model', 'sd3.5-large');
      f.append('output_format', 'png');
      return f;
    };
    const json = await bodyOf(await fetch(`${mock.url}/v2beta/stable-image/generate/sd3`, { method: 'POST', headers: { ...BEARER, accept: 'application/json' }, body: form() }));
    expect(json).toEqual({ image: expect.any(String), finish_reason: 'SUCCESS', seed: 42 });
    const raw = await fetch(`${mock.url}/v2beta/stable-image/generate/ultra`, { method: 'POST', headers: { ...BEARER, accept: 'image/*' }, body: form() });
    expect(raw.headers.get('finish-reason')).toBe('SUCCESS');
    expect(isPng(Buffer.from(await raw.arrayBuffer()))).toBe(true);
    // Keyed by the path engine; the form's model is recorded as bodyModel and matches scripts too.
    expect(mock.requests('sd3')[0]).toMatchObject({ model: 'sd3', bodyModel: 'sd3.5-large', endpoint: 'stable_image' });
    mock.scenario('sd3.5-large', [{ status: 500 }]);
    const failed = await fetch(`${mock.url}/v2beta/stable-image/generate/core`, { method: 'POST', headers: BEARER, body: form() });
    expect(failed.status).toBe(500);
    expect(await bodyOf(failed)).toMatchObject({ name: 'internal_error' });
  });

  it('401 without a bearer key', async () => {
    expect((await post('/v1/generation/sdxl/text-to-image', { text_prompts: [{ text: 'x' }] }, {})).status).toBe(401);
  });
});

describe('Replicate', () => {
  const model = 'black-forest-labs/flux-schnell';

  it('with Prefer: wait answers 201 succeeded with an image URL the mock serves', async () => {
    const res = await post(`/v1/models/${model}/predictions`, { input: { prompt: 'a fox' } }, { ...BEARER, prefer: 'wait' });
    expect(res.status).toBe(201);
    const json = await bodyOf(res);
    expect(json).toMatchObject({ id: expect.any(String), model, status: 'succeeded', input: { prompt: 'a fox' }, error: null, output: [expect.stringMatching(/\.png$/)] });
    const img = await fetch(json.output[0]);
    expect(isPng(Buffer.from(await img.arrayBuffer()))).toBe(true);
    expect(mock.requests(model)[0]).toMatchObject({ flavour: 'replicate', endpoint: 'prediction' });
  });

  it('without Prefer: wait starts, and GET /v1/predictions/{id} returns it succeeded (keyed by its model)', async () => {
    const started = await bodyOf(await post(`/v1/models/${model}/predictions`, { input: { prompt: 'a fox' } }, { authorization: 'Token r8_x' }));
    expect(started).toMatchObject({ status: 'starting', output: null });
    const polled = await bodyOf(await fetch(started.urls.get, { headers: BEARER }));
    expect(polled).toMatchObject({ id: started.id, status: 'succeeded', output: [expect.any(String)] });
    expect(mock.count(model)).toBe(2);
    expect((await fetch(`${mock.url}/v1/predictions/unknown-id`, { headers: BEARER })).status).toBe(404);
  });

  it('accepts version-based predictions; validates input; 401 without a token', async () => {
    const json = await bodyOf(await post('/v1/predictions', { version: 'abc123', input: { prompt: 'x' } }, { ...BEARER, prefer: 'wait' }));
    expect(json.status).toBe('succeeded');
    expect(mock.count('abc123')).toBe(1);
    const bad = await post(`/v1/models/${model}/predictions`, { prompt: 'x' });
    expect(bad.status).toBe(422);
    expect(await bodyOf(bad)).toMatchObject({ title: 'Input validation failed', status: 422 });
    expect((await post(`/v1/models/${model}/predictions`, { input: {} }, {})).status).toBe(401);
  });
});

describe('Segmind', () => {
  it('answers {image} with base64: true, else PNG bytes; keyed by the path model', async () => {
    const json = await bodyOf(await post('/v1/sdxl1.0-txt2img', { prompt: 'a boat', base64: true }, { 'x-api-key': 'sg-key' }));
    expect(isPng(Buffer.from(json.image, 'base64'))).toBe(true);
    const raw = await post('/v1/sdxl1.0-txt2img', { prompt: 'a boat' }, { 'x-api-key': 'sg-key' });
    expect(raw.headers.get('content-type')).toBe('image/png');
    expect(isPng(Buffer.from(await raw.arrayBuffer()))).toBe(true);
    expect(mock.count('sdxl1.0-txt2img')).toBe(2);
    mock.scenario('sdxl1.0-txt2img', [{ hang: true }]);
    const hung = await fetch(`${mock.url}/v1/sdxl1.0-txt2img`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: '{"prompt":"x"}',
      signal: AbortSignal.timeout(100),
    }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(hung).toBe('TimeoutError');
  });

  it('a bearer call to /v1/{x} is a passthrough, not Segmind', async () => {
    expect((await bodyOf(await post('/v1/sdxl1.0-txt2img', { prompt: 'a' }))).echo).toBeDefined();
  });
});
