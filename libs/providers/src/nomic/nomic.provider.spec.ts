import type { ResponseContext, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { nomic, toNomicEmbedRequest, toOpenAiEmbeddings } from './nomic.provider.js';

const ctx: TransformContext = { endpoint: 'embed', options: { provider: 'nomic', apiKey: 'nk-test' }, stream: false, strictOpenAiCompliance: true };
const responseCtx = (request: Record<string, unknown> = {}): ResponseContext => ({ ...ctx, model: 'nomic-embed-text-v1.5', request });

describe('nomic provider', () => {
  it('serves embeddings only, on /embedding/text with a bearer key', () => {
    expect(nomic.id).toBe('nomic');
    expect(nomic.baseUrl({ provider: 'nomic' })).toBe('https://api-atlas.nomic.ai/v1');
    expect(Object.keys(nomic.endpoints)).toEqual(['embed']);
    expect(nomic.endpoints.embed?.path({}, ctx)).toBe('/embedding/text');
    expect(nomic.headers(ctx)).toEqual({ authorization: 'Bearer nk-test' });
  });

  it('maps the request, defaulting the task type', () => {
    expect(toNomicEmbedRequest({ model: 'nomic-embed-text-v1.5', input: 'The text you want to embed.' })).toEqual({
      model: 'nomic-embed-text-v1.5',
      texts: ['The text you want to embed.'],
      task_type: 'search_document',
    });
    expect(toNomicEmbedRequest({ model: 'nomic-embed-text-v1.5', input: ['a', 'b'], task_type: 'search_query', dimensions: 256 })).toEqual({
      model: 'nomic-embed-text-v1.5',
      texts: ['a', 'b'],
      task_type: 'search_query',
      dimensionality: 256,
    });
    expect(() => toNomicEmbedRequest({ model: 'm', input: [[1, 2]] })).toThrow(UnsupportedRequestError);
  });

  it('maps the response, usage included', () => {
    const body = { embeddings: [[0.0081, 0.0421, -0.1666], [0.0143, -0.0087, -0.1602]], usage: { prompt_tokens: 12, total_tokens: 12 }, model: 'nomic-embed-text-v1.5', inference_mode: 'remote' };
    expect(toOpenAiEmbeddings(body, responseCtx())).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.0081, 0.0421, -0.1666] },
        { object: 'embedding', index: 1, embedding: [0.0143, -0.0087, -0.1602] },
      ],
      model: 'nomic-embed-text-v1.5',
      usage: { prompt_tokens: 12, total_tokens: 12 },
    });
    const base64 = toOpenAiEmbeddings(body, responseCtx({ encoding_format: 'base64' }));
    expect(typeof (base64.data as { embedding: unknown }[])[0].embedding).toBe('string');
  });

  it('maps FastAPI error bodies', () => {
    expect(nomic.error(401, { detail: 'Invalid API key' }, ctx)).toEqual({
      error: { message: 'nomic error: Invalid API key', type: null, param: null, code: null },
      provider: 'nomic',
    });
  });
});
