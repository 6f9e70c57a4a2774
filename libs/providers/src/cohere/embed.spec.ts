import type { ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toCohereEmbedRequest, toOpenAiEmbeddings } from './embed.js';

const ctx = (request: Record<string, unknown> = {}): ResponseContext => ({
  endpoint: 'embed',
  options: { provider: 'cohere' },
  stream: false,
  strictOpenAiCompliance: true,
  model: 'embed-v4.0',
  request,
});

/** `/v2/embed` with `embedding_types: ["float"]` (https://docs.cohere.com/reference/embed). */
const RESPONSE = {
  id: 'da6e531f-54c6-4a73-bf92-f60566d8d753',
  embeddings: { float: [[0.016296387, -0.008354187, -0.04699707], [-0.0234375, 0.0546875, 0.0119018555]] },
  texts: ['hello', 'goodbye'],
  meta: { api_version: { version: '2' }, billed_units: { input_tokens: 2 } },
  response_type: 'embeddings_by_type',
};

describe('cohere embeddings', () => {
  it('asks for float search_document embeddings by default', () => {
    expect(toCohereEmbedRequest({ model: 'embed-v4.0', input: 'hello' })).toEqual({ model: 'embed-v4.0', texts: ['hello'], input_type: 'search_document', embedding_types: ['float'] });
  });

  it('keeps the client’s input type and maps dimensions', () => {
    expect(toCohereEmbedRequest({ model: 'embed-v4.0', input: ['a', 'b'], input_type: 'search_query', dimensions: 256 })).toEqual({
      model: 'embed-v4.0',
      texts: ['a', 'b'],
      input_type: 'search_query',
      embedding_types: ['float'],
      output_dimension: 256,
    });
  });

  it('refuses token-array input', () => {
    expect(() => toCohereEmbedRequest({ model: 'embed-v4.0', input: [[1, 2, 3]] })).toThrow(UnsupportedRequestError);
  });

  it('maps the float embeddings and billed tokens to an OpenAI list', () => {
    expect(toOpenAiEmbeddings(RESPONSE, ctx())).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.016296387, -0.008354187, -0.04699707] },
        { object: 'embedding', index: 1, embedding: [-0.0234375, 0.0546875, 0.0119018555] },
      ],
      model: 'embed-v4.0',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
  });

  it('encodes little-endian float32 base64 when the client asked for it (the OpenAI SDK default)', () => {
    const out = toOpenAiEmbeddings(RESPONSE, ctx({ encoding_format: 'base64' }));
    const first = (out.data as { embedding: string }[])[0].embedding;
    const decoded = Array.from(new Float32Array(new Uint8Array(Buffer.from(first, 'base64')).buffer));
    expect(decoded).toEqual([0.016296387, -0.008354187, -0.04699707].map(Math.fround));
  });
});
