import type { ResponseContext, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { voyage } from './voyage.provider.js';

const ctx: TransformContext = { endpoint: 'embed', options: { provider: 'voyage', apiKey: 'pa-test' }, stream: false, strictOpenAiCompliance: true };
const responseCtx = (request: Record<string, unknown>, model: string): ResponseContext => ({ ...ctx, model, request });

describe('voyage provider', () => {
  it('serves embeddings and rerank with a bearer key', () => {
    expect(voyage.id).toBe('voyage');
    expect(voyage.baseUrl({ provider: 'voyage' })).toBe('https://api.voyageai.com/v1');
    expect(Object.keys(voyage.endpoints).sort()).toEqual(['embed', 'rerank']);
    expect(voyage.endpoints.embed?.path({}, ctx)).toBe('/embeddings');
    expect(voyage.endpoints.rerank?.path({}, ctx)).toBe('/rerank');
    expect(voyage.headers(ctx)).toEqual({ authorization: 'Bearer pa-test' });
  });

  it('maps embedding requests to Voyage’s names and asks for floats', () => {
    expect(voyage.endpoints.embed!.request!({ model: 'voyage-3.5', input: ['Sample text 1', 'Sample text 2'], input_type: 'document', dimensions: 512, encoding_format: 'base64' }, ctx)).toEqual({
      model: 'voyage-3.5',
      input: ['Sample text 1', 'Sample text 2'],
      input_type: 'document',
      output_dimension: 512,
    });
    expect(() => voyage.endpoints.embed!.request!({ model: 'voyage-3.5', input: [[1, 2]] }, ctx)).toThrow(UnsupportedRequestError);
  });

  it('fills prompt_tokens and encodes base64 on the way back', () => {
    const body = { object: 'list', data: [{ object: 'embedding', embedding: [-0.013131560757756233, 0.04305310174822807], index: 0 }], model: 'voyage-3.5', usage: { total_tokens: 10 } };
    expect(voyage.endpoints.embed!.response!(body, responseCtx({}, 'voyage-3.5'))).toEqual({ ...body, usage: { total_tokens: 10, prompt_tokens: 10 } });
    const encoded = voyage.endpoints.embed!.response!(body, responseCtx({ encoding_format: 'base64' }, 'voyage-3.5'));
    expect(typeof (encoded.data as { embedding: unknown }[])[0].embedding).toBe('string');
  });

  it('maps rerank: top_n to top_k, data to results, string documents to {text}', () => {
    const request = { model: 'rerank-2.5', query: 'When is Apple’s conference call scheduled?', documents: ['The Mediterranean diet emphasizes fish.', 'Apple’s conference call is on Thursday, November 2, 2023.'], top_n: 1, return_documents: true };
    expect(voyage.endpoints.rerank!.request!(request, { ...ctx, endpoint: 'rerank' })).toEqual({
      model: 'rerank-2.5',
      query: 'When is Apple’s conference call scheduled?',
      documents: request.documents,
      top_k: 1,
      return_documents: true,
    });
    const body = { object: 'list', data: [{ relevance_score: 0.4375, index: 1, document: 'Apple’s conference call is on Thursday, November 2, 2023.' }], model: 'rerank-2.5', usage: { total_tokens: 26 } };
    expect(voyage.endpoints.rerank!.response!(body, responseCtx(request, 'rerank-2.5'))).toEqual({
      object: 'list',
      results: [{ index: 1, relevance_score: 0.4375, document: { text: 'Apple’s conference call is on Thursday, November 2, 2023.' } }],
      model: 'rerank-2.5',
      usage: { total_tokens: 26 },
    });
  });

  it('maps error bodies', () => {
    expect(voyage.error(400, { detail: 'Value error, input_type must be one of [None, query, document]' }, ctx)).toEqual({
      error: { message: 'voyage error: Value error, input_type must be one of [None, query, document]', type: null, param: null, code: null },
      provider: 'voyage',
    });
  });
});
