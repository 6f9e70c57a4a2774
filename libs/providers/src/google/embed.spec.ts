import { UnsupportedRequestError } from '../core/types.js';
import { batchEmbedContentsResponse, embedContentResponse } from './__fixtures__/gemini-responses.js';
import { chatCtx } from './__fixtures__/context.js';
import { geminiEmbed, toGeminiEmbedRequest, toOpenAiEmbedResponse } from './embed.js';

const ctx = chatCtx({ endpoint: 'embed' });

describe('google embeddings', () => {
  it('uses embedContent for one string and batchEmbedContents for an array', () => {
    expect(geminiEmbed.path({ model: 'gemini-embedding-001', input: 'hello' }, ctx)).toBe('/v1beta/models/gemini-embedding-001:embedContent');
    expect(geminiEmbed.path({ model: 'models/text-embedding-004', input: ['a', 'b'] }, ctx)).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
  });

  it('maps one input to an embedContent request, with dimensions and task type', () => {
    expect(toGeminiEmbedRequest({ model: 'gemini-embedding-001', input: 'What is the meaning of life?', dimensions: 768, task_type: 'RETRIEVAL_QUERY', user: 'u1' })).toEqual({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: 'What is the meaning of life?' }] },
      outputDimensionality: 768,
      taskType: 'RETRIEVAL_QUERY',
    });
  });

  it('maps an array to one batch request per input, each naming the model', () => {
    expect(toGeminiEmbedRequest({ model: 'text-embedding-004', input: ['first', 'second'] })).toEqual({
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'first' }] } },
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'second' }] } },
      ],
    });
  });

  it('rejects token arrays and empty input', () => {
    expect(() => toGeminiEmbedRequest({ model: 'text-embedding-004', input: [[1, 2, 3]] })).toThrow(UnsupportedRequestError);
    expect(() => toGeminiEmbedRequest({ model: 'text-embedding-004', input: [] })).toThrow(UnsupportedRequestError);
    expect(() => toGeminiEmbedRequest({ input: 'x' })).toThrow('model is required');
  });

  it('maps an embedContent response to the OpenAI list', () => {
    expect(toOpenAiEmbedResponse(embedContentResponse, { ...ctx, model: 'gemini-embedding-001' })).toEqual({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.013168523, -0.008711934, -0.046782676, 0.00069968984] }],
      model: 'gemini-embedding-001',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it('maps a batchEmbedContents response in input order', () => {
    expect(toOpenAiEmbedResponse(batchEmbedContentsResponse, { ...ctx, model: 'models/text-embedding-004' })).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] },
        { object: 'embedding', index: 1, embedding: [0.4, 0.5, 0.6] },
      ],
      model: 'text-embedding-004',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });
});

describe('embeddings encoding_format', () => {
  it('answers base64 little-endian float32 when the client asks for it (the OpenAI Node SDK default)', () => {
    const out = toOpenAiEmbedResponse(
      { embedding: { values: [0.5, -1, 2] } },
      { endpoint: 'embed', options: { provider: 'google' }, stream: false, strictOpenAiCompliance: true, model: 'text-embedding-004', request: { encoding_format: 'base64' } },
    ) as { data: { embedding: string }[] };
    const bytes = Buffer.from(out.data[0].embedding, 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))).toEqual([0.5, -1, 2]);
  });
});
