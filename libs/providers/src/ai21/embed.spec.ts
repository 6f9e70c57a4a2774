import type { ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toAi21EmbedRequest, toOpenAiEmbeddings } from './embed.js';

describe('ai21 embeddings', () => {
  it('sends texts and the segment/query type', () => {
    expect(toAi21EmbedRequest({ model: 'ai21-embed', input: 'You can now use AI21 Embeddings.' })).toEqual({ texts: ['You can now use AI21 Embeddings.'] });
    expect(toAi21EmbedRequest({ input: ['a', 'b'], type: 'segment' })).toEqual({ texts: ['a', 'b'], type: 'segment' });
    expect(toAi21EmbedRequest({ input: 'q', input_type: 'search_query' })).toEqual({ texts: ['q'], type: 'query' });
  });

  it('refuses unknown types and token arrays', () => {
    expect(() => toAi21EmbedRequest({ input: 'q', type: 'clustering' })).toThrow(UnsupportedRequestError);
    expect(() => toAi21EmbedRequest({ input: [[1, 2]] })).toThrow(UnsupportedRequestError);
  });

  it('maps results to an OpenAI list', () => {
    const ctx: ResponseContext = { endpoint: 'embed', options: { provider: 'ai21' }, stream: false, strictOpenAiCompliance: true, model: 'ai21-embed', request: {} };
    const body = { id: '3e1c3f6a-8a7e-4f0b-9d6e-2b1f0c9d8e7a', results: [{ embedding: [0.0123, -0.0456, 0.0789] }, { embedding: [0.1, 0.2, 0.3] }] };
    expect(toOpenAiEmbeddings(body, ctx)).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.0123, -0.0456, 0.0789] },
        { object: 'embedding', index: 1, embedding: [0.1, 0.2, 0.3] },
      ],
      model: 'ai21-embed',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });
});
