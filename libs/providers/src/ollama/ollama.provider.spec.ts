import type { ResponseContext, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { ollama } from './ollama.provider.js';

const ctx = (over: Partial<TransformContext> = {}): TransformContext => ({ endpoint: 'chatComplete', options: { provider: 'ollama', customHost: 'http://localhost:11434' }, stream: false, strictOpenAiCompliance: true, ...over });

describe('ollama provider', () => {
  it('needs a custom host and sends no auth unless a key is set', () => {
    expect(ollama.id).toBe('ollama');
    expect(ollama.baseUrl({ provider: 'ollama' })).toBeUndefined();
    expect(ollama.headers(ctx())).toEqual({});
    expect(ollama.headers(ctx({ options: { provider: 'ollama', apiKey: 'olm-cloud-key' } }))).toEqual({ authorization: 'Bearer olm-cloud-key' });
  });

  it('uses the OpenAI-compatible chat and completion paths and the native embed path', () => {
    expect(Object.keys(ollama.endpoints).sort()).toEqual(['chatComplete', 'complete', 'embed']);
    expect(ollama.endpoints.chatComplete?.path({}, ctx())).toBe('/v1/chat/completions');
    expect(ollama.endpoints.complete?.path({}, ctx())).toBe('/v1/completions');
    expect(ollama.endpoints.embed?.path({}, ctx())).toBe('/api/embed');
  });

  it('asks streams for usage, which the reference loses', () => {
    const body = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: true };
    expect(ollama.endpoints.chatComplete?.request?.(body, ctx({ stream: true }))).toEqual({ ...body, stream_options: { include_usage: true } });
  });

  it('maps embeddings to /api/embed and back', () => {
    const embed = ollama.endpoints.embed!;
    expect(embed.request!({ model: 'embeddinggemma', input: ['Why is the sky blue?', 'Why is the grass green?'], dimensions: 256, encoding_format: 'base64' }, ctx({ endpoint: 'embed' }))).toEqual({
      model: 'embeddinggemma',
      input: ['Why is the sky blue?', 'Why is the grass green?'],
      dimensions: 256,
    });
    expect(() => embed.request!({ model: 'embeddinggemma', input: [[1, 2]] }, ctx({ endpoint: 'embed' }))).toThrow(UnsupportedRequestError);

    const response = { model: 'embeddinggemma', embeddings: [[0.010071029, -0.0017594862, 0.05007221], [-0.0098027075, 0.06042469, 0.025257962]], total_duration: 14143917, load_duration: 1019500, prompt_eval_count: 16 };
    const responseCtx: ResponseContext = { ...ctx({ endpoint: 'embed' }), model: 'embeddinggemma', request: {} };
    expect(embed.response!(response, responseCtx)).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.010071029, -0.0017594862, 0.05007221] },
        { object: 'embedding', index: 1, embedding: [-0.0098027075, 0.06042469, 0.025257962] },
      ],
      model: 'embeddinggemma',
      usage: { prompt_tokens: 16, total_tokens: 16 },
    });
  });

  it('maps native and OpenAI-shaped error bodies', () => {
    expect(ollama.error(404, { error: "model 'llama9' not found, try pulling it first" }, ctx())).toEqual({
      error: { message: "ollama error: model 'llama9' not found, try pulling it first", type: null, param: null, code: null },
      provider: 'ollama',
    });
    expect(ollama.error(404, { error: { message: 'model "llama9" not found, try pulling it first', type: 'api_error', param: null, code: null } }, ctx()).error).toEqual({
      message: 'ollama error: model "llama9" not found, try pulling it first',
      type: 'api_error',
      param: null,
      code: null,
    });
  });
});
