import { UnsupportedRequestError } from '../core/types.js';
import { responseCtx } from './__fixtures__/context.js';
import { toBedrockEmbedRequest, toOpenAiEmbedResponse } from './embed.js';
import { toBedrockImageRequest, toOpenAiImageResponse } from './image.js';

describe('bedrock embeddings', () => {
  it('builds a Titan v2 body and reads its embedding and token count', () => {
    expect(toBedrockEmbedRequest({ model: 'amazon.titan-embed-text-v2:0', input: 'Hello', dimensions: 256 })).toEqual({ inputText: 'Hello', dimensions: 256 });
    const out = toOpenAiEmbedResponse({ embedding: [0.5, -0.25], inputTextTokenCount: 3 }, responseCtx({ endpoint: 'embed', model: 'amazon.titan-embed-text-v2:0' }));
    expect(out).toEqual({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.5, -0.25] }],
      model: 'amazon.titan-embed-text-v2:0',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  });

  it('refuses several inputs for Titan, which embeds one text per call', () => {
    expect(() => toBedrockEmbedRequest({ model: 'amazon.titan-embed-text-v2:0', input: ['a', 'b'] })).toThrow(UnsupportedRequestError);
    expect(toBedrockEmbedRequest({ model: 'amazon.titan-embed-text-v2:0', input: ['only'] })).toEqual({ inputText: 'only' });
  });

  it('builds a Cohere body with a default input_type and reads both response shapes', () => {
    expect(toBedrockEmbedRequest({ model: 'cohere.embed-english-v3', input: ['a', 'b'] })).toEqual({ texts: ['a', 'b'], input_type: 'search_document' });
    expect(toBedrockEmbedRequest({ model: 'us.cohere.embed-v4:0', input: 'q', input_type: 'search_query', dimensions: 512 })).toEqual({
      texts: ['q'],
      input_type: 'search_query',
      output_dimension: 512,
    });
    const ctx = responseCtx({ endpoint: 'embed', model: 'cohere.embed-english-v3' });
    const plain = toOpenAiEmbedResponse({ id: 'x', embeddings: [[1, 2], [3, 4]], response_type: 'embeddings_floats', texts: ['a', 'b'] }, ctx);
    expect((plain.data as { embedding: number[] }[]).map((d) => d.embedding)).toEqual([[1, 2], [3, 4]]);
    const typed = toOpenAiEmbedResponse({ id: 'x', embeddings: { float: [[5, 6]] }, response_type: 'embeddings_by_type' }, ctx);
    expect((typed.data as { embedding: number[] }[]).map((d) => d.embedding)).toEqual([[5, 6]]);
  });

  it('encodes vectors as base64 float32 when the client asks', () => {
    const out = toOpenAiEmbedResponse({ embedding: [1, 0.5] }, responseCtx({ endpoint: 'embed', request: { encoding_format: 'base64' } }));
    const b64 = (out.data as { embedding: string }[])[0].embedding;
    const bytes = Buffer.from(b64, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([1, 0.5]);
  });

  it('refuses models it cannot build a body for', () => {
    expect(() => toBedrockEmbedRequest({ model: 'meta.llama3-8b-instruct-v1:0', input: 'x' })).toThrow(/Titan .* and Cohere/);
  });
});

describe('bedrock image generation', () => {
  it('builds a Titan Image / Nova Canvas body', () => {
    expect(toBedrockImageRequest({ model: 'amazon.titan-image-generator-v2:0', prompt: 'A lighthouse', n: 2, size: '1024x1024', quality: 'hd', seed: 42 })).toEqual({
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'A lighthouse' },
      imageGenerationConfig: { numberOfImages: 2, quality: 'premium', width: 1024, height: 1024, seed: 42 },
    });
    expect(toBedrockImageRequest({ model: 'amazon.nova-canvas-v1:0', prompt: 'x', negative_prompt: 'blur' })).toMatchObject({ textToImageParams: { text: 'x', negativeText: 'blur' } });
  });

  it('builds a Stable Image body with the size reduced to one of its aspect ratios', () => {
    expect(toBedrockImageRequest({ model: 'stability.stable-image-ultra-v1:0', prompt: 'A car', size: '1920x1080', seed: 1, negative_prompt: 'rain' })).toEqual({
      prompt: 'A car',
      negative_prompt: 'rain',
      aspect_ratio: '16:9',
      seed: 1,
    });
    expect(toBedrockImageRequest({ model: 'stability.sd3-5-large-v1:0', prompt: 'x', size: '1024x1024' })).toEqual({ prompt: 'x', aspect_ratio: '1:1' });
    expect(() => toBedrockImageRequest({ model: 'stability.sd3-5-large-v1:0', prompt: 'x', size: '1344x768' })).toThrow(/aspect ratio/);
    expect(() => toBedrockImageRequest({ model: 'stability.stable-image-core-v1:1', prompt: 'x', n: 2 })).toThrow(/one image per request/);
  });

  it('builds an SDXL body', () => {
    expect(toBedrockImageRequest({ model: 'stability.stable-diffusion-xl-v1', prompt: 'x', n: 1, size: '1024x1024', negative_prompt: 'y' })).toEqual({
      text_prompts: [
        { text: 'x', weight: 1 },
        { text: 'y', weight: -1 },
      ],
      samples: 1,
      width: 1024,
      height: 1024,
    });
  });

  it('returns every family\'s images as b64_json', () => {
    expect(toOpenAiImageResponse({ images: ['AAA', 'BBB'] }, 1700000000)).toEqual({ created: 1700000000, data: [{ b64_json: 'AAA' }, { b64_json: 'BBB' }] });
    expect(toOpenAiImageResponse({ seeds: [1], finish_reasons: [null], images: ['CCC'] }, 1)).toEqual({ created: 1, data: [{ b64_json: 'CCC' }] });
    expect(toOpenAiImageResponse({ result: 'success', artifacts: [{ seed: 1, base64: 'DDD', finishReason: 'SUCCESS' }] }, 1)).toEqual({ created: 1, data: [{ b64_json: 'DDD' }] });
  });

  it('refuses a missing prompt and unknown image models', () => {
    expect(() => toBedrockImageRequest({ model: 'amazon.titan-image-generator-v1' })).toThrow(/prompt is required/);
    expect(() => toBedrockImageRequest({ model: 'anthropic.claude-3-haiku-20240307-v1:0', prompt: 'x' })).toThrow(UnsupportedRequestError);
  });
});
