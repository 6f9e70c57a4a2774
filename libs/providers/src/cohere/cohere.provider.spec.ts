import type { TransformContext } from '../core/types.js';
import { cohere } from './cohere.provider.js';

function ctx(over: Partial<TransformContext> = {}): TransformContext {
  return { endpoint: 'chatComplete', options: { provider: 'cohere', apiKey: 'co-test-key' }, stream: false, strictOpenAiCompliance: true, ...over };
}

describe('cohere provider', () => {
  it('cuts the URL where the reference does and serves chat, completions, embeddings and rerank', () => {
    expect(cohere.id).toBe('cohere');
    expect(cohere.baseUrl({ provider: 'cohere' })).toBe('https://api.cohere.ai');
    expect(Object.keys(cohere.endpoints).sort()).toEqual(['chatComplete', 'complete', 'embed', 'rerank']);
    expect(cohere.endpoints.chatComplete?.path({}, ctx())).toBe('/v2/chat');
    expect(cohere.endpoints.complete?.path({}, ctx())).toBe('/v1/generate');
    expect(cohere.endpoints.embed?.path({}, ctx())).toBe('/v2/embed');
    expect(cohere.endpoints.rerank?.path({}, ctx())).toBe('/v2/rerank');
    expect(cohere.endpoints.chatComplete?.stream?.framing).toBe('sse');
    expect(cohere.endpoints.complete?.stream?.framing).toBe('ndjson');
  });

  it('authenticates with a bearer key and asks chat streams for SSE', () => {
    expect(cohere.headers(ctx())).toEqual({ authorization: 'Bearer co-test-key' });
    expect(cohere.headers(ctx({ stream: true }))).toEqual({ authorization: 'Bearer co-test-key', accept: 'text/event-stream' });
    expect(cohere.headers(ctx({ stream: true, endpoint: 'complete' }))).toEqual({ authorization: 'Bearer co-test-key' });
  });

  it('maps Cohere error bodies', () => {
    expect(cohere.error(401, { id: '5ad6b4ba-5c8a-4f6e-8a4e-3f4b9e2d0c1a', message: 'invalid api token' }, ctx())).toEqual({
      error: { message: 'cohere error: invalid api token', type: null, param: null, code: null },
      provider: 'cohere',
    });
    expect(cohere.error(400, { message: "invalid request: model 'command-x' not found" }, ctx()).error.message).toBe("cohere error: invalid request: model 'command-x' not found");
    expect(cohere.error(503, '<html>Service Unavailable</html>', ctx()).error.message).toBe('cohere error: <html>Service Unavailable</html>');
  });
});
