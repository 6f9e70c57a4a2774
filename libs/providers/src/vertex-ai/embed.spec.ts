import { UnsupportedRequestError } from '../core/types.js';
import { ctx, responseCtx } from './__fixtures__/context.js';
import { toOpenAiEmbedResponse, toVertexEmbedRequest, vertexEmbed } from './embed.js';

describe('vertex-ai embeddings', () => {
  it('sends one instance per input with task type and dimensions', () => {
    expect(toVertexEmbedRequest({ model: 'text-embedding-005', input: ['a', 'b'], dimensions: 256, task_type: 'RETRIEVAL_DOCUMENT' })).toEqual({
      instances: [
        { content: 'a', task_type: 'RETRIEVAL_DOCUMENT' },
        { content: 'b', task_type: 'RETRIEVAL_DOCUMENT' },
      ],
      parameters: { outputDimensionality: 256 },
    });
    expect(toVertexEmbedRequest({ model: 'text-embedding-005', input: 'one' })).toEqual({ instances: [{ content: 'one' }] });
  });

  it('reads predictions in order and sums their token counts', () => {
    const out = toOpenAiEmbedResponse(
      {
        predictions: [
          { embeddings: { values: [0.1, 0.2], statistics: { token_count: 3, truncated: false } } },
          { embeddings: { values: [0.3, 0.4], statistics: { token_count: 5, truncated: false } } },
        ],
      },
      responseCtx('google.text-embedding-005', { endpoint: 'embed' }),
    );
    expect(out).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
        { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
      ],
      model: 'text-embedding-005',
      usage: { prompt_tokens: 8, total_tokens: 8 },
    });
  });

  it('refuses token arrays and non-Google models', () => {
    expect(() => toVertexEmbedRequest({ model: 'text-embedding-005', input: [[1, 2]] })).toThrow(UnsupportedRequestError);
    expect(() => vertexEmbed.path({ model: 'claude-3-haiku@20240307' }, ctx({ endpoint: 'embed' }))).toThrow(/Google models only/);
  });
});
