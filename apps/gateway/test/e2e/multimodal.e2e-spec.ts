import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { makePng, makeWav } from '../support/media-files.js';

/**
 * The endpoints beyond chat: images, audio (multipart uploads streamed through, binary speech
 * back), moderations, rerank, models, and the passthrough of any other /v1 path.
 */
let mock: MockProvider;
let gateway: RunningGateway;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
  client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'sk-media',
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1` },
  });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const PNG_SIGNATURE = '89504e470d0a1a0a';

describe('images', () => {
  it('generates images as b64_json', async () => {
    const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a lighthouse', response_format: 'b64_json' });
    const bytes = Buffer.from(result.data![0].b64_json!, 'base64');
    expect(bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
  });

  it('streams a multipart image edit through untouched', async () => {
    const png = makePng(16);
    const result = await client.images.edit({ model: 'gpt-image-1', image: await toFile(png, 'input.png', { type: 'image/png' }), prompt: 'add a moon' });
    expect(result.data?.length).toBeGreaterThan(0);
    const [seen] = mock.requests();
    const parts = (seen.body as { multipart: { name: string; filename?: string; size: number; value?: string }[] }).multipart;
    expect(parts.find((p) => p.name === 'image')).toMatchObject({ filename: 'input.png', size: png.length });
    expect(parts.find((p) => p.name === 'prompt')?.value).toBe('add a moon');
    expect(seen.headers.authorization).toBe('Bearer sk-media');
  });
});

describe('audio', () => {
  it('returns speech as binary audio', async () => {
    const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there', response_format: 'wav' });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-type')).toMatch(/^audio\//);
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
  });

  it.each(['transcriptions', 'translations'] as const)('streams a WAV upload to %s', async (kind) => {
    const wav = makeWav(4000);
    const file = await toFile(wav, 'clip.wav', { type: 'audio/wav' });
    const result = kind === 'transcriptions'
      ? await client.audio.transcriptions.create({ model: 'whisper-1', file })
      : await client.audio.translations.create({ model: 'whisper-1', file });
    expect(result.text).toContain(`${wav.length} bytes`);
    const [seen] = mock.requests();
    const parts = (seen.body as { multipart: { name: string; size: number }[] }).multipart;
    expect(parts.find((p) => p.name === 'file')?.size).toBe(wav.length);
  });
});

describe('other endpoints', () => {
  it('moderates, lists models and reranks', async () => {
    const moderation = await client.moderations.create({ model: 'omni-moderation-latest', input: 'hello' });
    expect(moderation.results).toHaveLength(1);
    const models = await client.models.list();
    expect(models.data.length).toBeGreaterThan(0);

    const rerank = await fetch(`${gateway.url}/v1/rerank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer co-key', 'x-portkey-provider': 'cohere', 'x-portkey-custom-host': mock.url },
      body: JSON.stringify({ model: 'rerank-v3.5', query: 'capital of France', documents: ['Paris is in France', 'Berlin is in Germany'], top_n: 2 }),
    });
    expect(rerank.status).toBe(200);
    const body = (await rerank.json()) as { results: { index: number; relevance_score: number }[] };
    expect(body.results).toHaveLength(2);
    expect(typeof body.results[0].relevance_score).toBe('number');
  });

  it('400 naming provider and endpoint when the provider lacks it', async () => {
    const response = await fetch(`${gateway.url}/v1/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-provider': 'anthropic', authorization: 'Bearer k' },
      body: JSON.stringify({ prompt: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: 'failure', message: 'imageGenerate is not supported by anthropic' });
  });
});

describe('passthrough of other /v1 paths', () => {
  let headers: Record<string, string>;
  beforeAll(() => {
    headers = { authorization: 'Bearer sk-pass', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1` };
  });

  it('forwards JSON bodies byte for byte', async () => {
    const text = '{ "input_file_id":"file-1",\n  "endpoint": "/v1/chat/completions", "completion_window":"24h" }';
    const response = await fetch(`${gateway.url}/v1/batches?limit=2`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: text });
    expect(response.status).toBe(200);
    const { echo } = (await response.json()) as { echo: { method: string; path: string; bodySha256: string; headers: Record<string, string> } };
    expect(echo.method).toBe('POST');
    expect(echo.path).toBe('/v1/batches?limit=2');
    expect(echo.bodySha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(echo.headers.authorization).toBe('Bearer sk-pass');
    expect(Object.keys(echo.headers).some((h) => h.startsWith('x-portkey-'))).toBe(false);
  });

  it.each(['GET', 'DELETE'])('forwards %s', async (method) => {
    const response = await fetch(`${gateway.url}/v1/files/file-123`, { method, headers });
    const { echo } = (await response.json()) as { echo: { method: string; path: string } };
    expect(echo).toMatchObject({ method, path: '/v1/files/file-123' });
  });

  it.each(['PUT', 'PATCH'])('forwards %s with its body', async (method) => {
    const text = JSON.stringify({ metadata: { k: method } });
    const response = await fetch(`${gateway.url}/v1/fine_tuning/jobs/ft-1`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: text });
    const { echo } = (await response.json()) as { echo: { method: string; bodySha256: string } };
    expect(echo.method).toBe(method);
    expect(echo.bodySha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('streams a multipart file upload through', async () => {
    const form = new FormData();
    const wav = makeWav(2000);
    form.append('purpose', 'batch');
    form.append('file', new Blob([wav], { type: 'audio/wav' }), 'clip.wav');
    const response = await fetch(`${gateway.url}/v1/files`, { method: 'POST', headers, body: form });
    const { echo } = (await response.json()) as { echo: { contentType: string; bodySize: number } };
    expect(echo.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(echo.bodySize).toBeGreaterThan(wav.length);
  });
});

describe('Mistral fill-in-the-middle on /v1/completions', () => {
  it('answers a text completion from /fim/completions', async () => {
    const mistral = new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: 'sk-mistral',
      maxRetries: 0,
      defaultHeaders: { 'x-portkey-provider': 'mistral-ai', 'x-portkey-custom-host': `${mock.url}/v1` },
    });
    const result = await mistral.completions.create({ model: 'codestral-latest', prompt: 'def add(a, b):', suffix: '\n# done' } as OpenAI.CompletionCreateParamsNonStreaming);
    expect(result.object).toBe('text_completion');
    const seen = mock.requests().at(-1)!;
    expect(seen.path).toBe('/v1/fim/completions');
    expect(seen.body).toMatchObject({ prompt: 'def add(a, b):', suffix: '\n# done' });
  });
});
