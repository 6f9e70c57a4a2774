import type { ResponseContext, TransformContext } from '../core/types.js';
import { jina } from './jina.provider.js';

const ctx: TransformContext = { endpoint: 'embed', options: { provider: 'jina', apiKey: 'jina_test' }, stream: false, strictOpenAiCompliance: true };
const responseCtx = (request: Record<string, unknown>, model = 'jina-embeddings-v3'): ResponseContext => ({ ...ctx, model, request });

/** Shapes from https://jina.ai/embeddings and https://jina.ai/reranker API references. */
const EMBEDDINGS = {
  model: 'jina-embeddings-v3',
  object: 'list',
  usage: { total_tokens: 14, prompt_tokens: 14 },
  data: [
    { object: 'embedding', index: 0, embedding: [0.0583, -0.0306, 0.0743] },
    { object: 'embedding', index: 1, embedding: [-0.0123, 0.0456, -0.0789] },
  ],
};

describe('jina provider', () => {
  it('serves embeddings and rerank with a bearer key', () => {
    expect(jina.id).toBe('jina');
    expect(jina.baseUrl({ provider: 'jina' })).toBe('https://api.jina.ai/v1');
    expect(Object.keys(jina.endpoints).sort()).toEqual(['embed', 'rerank']);
    expect(jina.endpoints.embed?.path({}, ctx)).toBe('/embeddings');
    expect(jina.endpoints.rerank?.path({}, ctx)).toBe('/rerank');
    expect(jina.headers(ctx)).toEqual({ authorization: 'Bearer jina_test' });
  });

  it('asks for float embeddings instead of OpenAI’s encoding_format, keeping Jina’s own fields', () => {
    expect(jina.endpoints.embed!.request!({ model: 'jina-embeddings-v3', input: 'Organic skincare', encoding_format: 'base64', task: 'retrieval.passage', dimensions: 512, late_chunking: false }, ctx)).toEqual({
      model: 'jina-embeddings-v3',
      input: ['Organic skincare'],
      task: 'retrieval.passage',
      dimensions: 512,
      late_chunking: false,
      embedding_type: 'float',
    });
  });

  it('returns floats, or float32 base64 when the client asked for base64', () => {
    expect(jina.endpoints.embed!.response!(EMBEDDINGS, responseCtx({ encoding_format: 'float' }))).toEqual(EMBEDDINGS);
    const out = jina.endpoints.embed!.response!(EMBEDDINGS, responseCtx({ encoding_format: 'base64' }));
    const second = (out.data as { embedding: string }[])[1].embedding;
    expect(Array.from(new Float32Array(new Uint8Array(Buffer.from(second, 'base64')).buffer))).toEqual([-0.0123, 0.0456, -0.0789].map(Math.fround));
  });

  it('leaves binary embeddings the client asked Jina for untouched', () => {
    const binary = { ...EMBEDDINGS, data: [{ object: 'embedding', index: 0, embedding: [12, -87, 3] }] };
    expect(jina.endpoints.embed!.response!(binary, responseCtx({ embedding_type: 'binary', encoding_format: 'base64' }))).toBe(binary);
  });

  it('maps rerank results to the list format', () => {
    const body = {
      model: 'jina-reranker-v2-base-multilingual',
      usage: { total_tokens: 815 },
      results: [
        { index: 2, document: { text: 'Sustainable skincare with natural ingredients.' }, relevance_score: 0.9387 },
        { index: 0, document: { text: 'Organic skincare for sensitive skin.' }, relevance_score: 0.8745 },
      ],
    };
    expect(jina.endpoints.rerank!.response!(body, responseCtx({ return_documents: true }, 'jina-reranker-v2-base-multilingual'))).toEqual({ object: 'list', ...body });
  });

  it('maps FastAPI error bodies', () => {
    expect(jina.error(401, { detail: 'Unauthorized: invalid API key' }, ctx)).toEqual({
      error: { message: 'jina error: Unauthorized: invalid API key', type: null, param: null, code: null },
      provider: 'jina',
    });
  });
});
