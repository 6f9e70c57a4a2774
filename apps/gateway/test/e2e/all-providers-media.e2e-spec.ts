import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { type ChatCase, casesFor } from '../support/all-provider-cases.js';

/**
 * Every provider's embeddings, image generation and rerank, end to end through the mock provider
 * (OpenAI SDK where the endpoint is OpenAI's).
 */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});

const headersOf = (c: ChatCase) => ({ 'x-portkey-provider': c.provider, 'x-portkey-custom-host': c.customHost(mock.url), ...c.headers });
const client = (c: ChatCase) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-any', maxRetries: 0, defaultHeaders: headersOf(c) });

/** Models the mock keys by, where a provider needs a specific family (Bedrock, Vertex). */
const EMBED_MODEL: Record<string, string> = { bedrock: 'amazon.titan-embed-text-v2:0', 'vertex-ai': 'text-embedding-005', google: 'text-embedding-004', palm: 'text-embedding-004' };
const IMAGE_MODEL: Record<string, string> = {
  'stability-ai': 'stable-diffusion-xl-1024-v1-0',
  bedrock: 'amazon.titan-image-generator-v2:0',
  replicate: 'black-forest-labs/flux-schnell',
  segmind: 'sdxl1.0-txt2img',
};

describe.each(casesFor('embed'))('embeddings: $provider', (c) => {
  it('embeds two inputs (OpenAI SDK default encoding, base64)', async () => {
    const model = EMBED_MODEL[c.provider] ?? c.model;
    // Titan embeds one input per request.
    const input = c.provider === 'bedrock' ? ['first text'] : ['first text', 'second text'];
    const result = await client(c).embeddings.create({ model, input });
    expect(result.data).toHaveLength(input.length);
    for (const item of result.data) {
      expect(item.embedding.length).toBeGreaterThan(0);
      expect(item.embedding.every((v) => Number.isFinite(v))).toBe(true);
    }
  });
});

describe.each(casesFor('imageGenerate'))('images: $provider', (c) => {
  it('generates an image', async () => {
    const model = IMAGE_MODEL[c.provider] ?? c.model;
    const result = await client(c).images.generate({ model, prompt: 'a lighthouse at dusk', n: 1 });
    const image = result.data?.[0];
    expect(image?.b64_json ?? image?.url).toBeTruthy();
  });
});

it('stability-ai v2beta (SD3) goes as multipart and comes back as b64_json', async () => {
  const c = casesFor('imageGenerate').find((x) => x.provider === 'stability-ai')!;
  const result = await client(c).images.generate({ model: 'sd3.5-large', prompt: 'a lighthouse at dusk' });
  expect(result.data?.[0].b64_json).toBeTruthy();
  const seen = mock.requests().at(-1)!;
  expect(seen.path).toBe('/v2beta/stable-image/generate/sd3');
  expect(String(seen.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
});

describe.each(casesFor('rerank'))('rerank: $provider', (c) => {
  it('reranks documents', async () => {
    const response = await fetch(`${gateway.url}/v1/rerank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-any', ...headersOf(c) },
      body: JSON.stringify({ model: c.provider === 'voyage' ? 'rerank-2' : c.model, query: 'capital of France', documents: ['Paris is in France', 'Berlin is in Germany'], top_n: 2 }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { index: number; relevance_score: number }[] };
    expect(body.results.map((r) => r.index).sort()).toEqual([0, 1]);
  });
});

describe.each(casesFor('complete'))('completions: $provider', (c) => {
  it('answers a legacy text completion', async () => {
    const extra = c.provider === 'predibase' ? { user: 'tenant-1' } : {};
    const result = await client(c).completions.create({ model: c.model, prompt: `Complete for ${c.provider}`, max_tokens: 32, ...extra });
    expect(result.object).toBe('text_completion');
    expect(result.choices.length).toBeGreaterThan(0);
  });
});

describe.each(casesFor('createTranscription'))('transcriptions: $provider', (c) => {
  it('streams a WAV upload through', async () => {
    const { makeWav } = await import('../support/media-files.js');
    const { toFile } = await import('openai');
    const wav = makeWav(1600);
    const result = await client(c).audio.transcriptions.create({ model: 'whisper-1', file: await toFile(wav, 'clip.wav', { type: 'audio/wav' }) });
    expect(result.text).toContain(`${wav.length} bytes`);
  });
});
