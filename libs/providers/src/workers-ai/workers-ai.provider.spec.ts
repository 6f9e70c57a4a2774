import type { ResponseContext, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { workersAi } from './workers-ai.provider.js';

const ctx = (options: Record<string, unknown> = { workersAiAccountId: '023e105f4ecef8ad9ca31a8372d0c353' }, over: Partial<TransformContext> = {}): TransformContext => ({
  endpoint: 'chatComplete',
  options: { provider: 'workers-ai', apiKey: 'cf-token', ...options },
  stream: false,
  strictOpenAiCompliance: true,
  ...over,
});

describe('workers-ai provider', () => {
  it('puts the account id in the base URL and serves the OpenAI-compatible paths', () => {
    expect(workersAi.id).toBe('workers-ai');
    expect(workersAi.baseUrl({ provider: 'workers-ai', workersAiAccountId: '023e105f4ecef8ad9ca31a8372d0c353' })).toBe('https://api.cloudflare.com/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/ai');
    expect(workersAi.baseUrl({ provider: 'workers-ai' })).toBe('https://api.cloudflare.com/client/v4/accounts/{account_id}/ai');
    expect(Object.keys(workersAi.endpoints).sort()).toEqual(['chatComplete', 'embed']);
    expect(workersAi.endpoints.chatComplete?.path({}, ctx())).toBe('/v1/chat/completions');
    expect(workersAi.endpoints.embed?.path({}, ctx())).toBe('/v1/embeddings');
    expect(workersAi.headers(ctx())).toEqual({ authorization: 'Bearer cf-token' });
  });

  it('refuses a request without an account id, naming the header, unless a custom host carries it', () => {
    expect(() => workersAi.endpoints.chatComplete!.path({}, ctx({}))).toThrow(UnsupportedRequestError);
    expect(() => workersAi.endpoints.chatComplete!.path({}, ctx({}))).toThrow(/x-portkey-workers-ai-account-id/);
    expect(() => workersAi.endpoints.embed!.path({}, ctx({}))).toThrow(/x-portkey-workers-ai-account-id/);
    expect(workersAi.endpoints.chatComplete!.path({}, ctx({ customHost: 'https://gateway.ai.cloudflare.com/v1/acct/gw/workers-ai' }))).toBe('/v1/chat/completions');
  });

  it('asks streams for usage and embeddings for floats', () => {
    const chat = { model: '@cf/meta/llama-3.1-8b-instruct', messages: [{ role: 'user', content: 'Make some robot noises' }], stream: true };
    expect(workersAi.endpoints.chatComplete!.request!(chat, ctx(undefined, { stream: true }))).toEqual({ ...chat, stream_options: { include_usage: true } });
    expect(workersAi.endpoints.embed!.request!({ model: '@cf/baai/bge-large-en-v1.5', input: 'I love matcha', encoding_format: 'base64' }, ctx())).toEqual({ model: '@cf/baai/bge-large-en-v1.5', input: 'I love matcha' });
  });

  it('encodes embeddings as base64 when the client asked', () => {
    const body = { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.25, -0.5] }], model: '@cf/baai/bge-large-en-v1.5', usage: { prompt_tokens: 4, total_tokens: 4 } };
    const responseCtx: ResponseContext = { ...ctx(), endpoint: 'embed', model: '@cf/baai/bge-large-en-v1.5', request: { encoding_format: 'base64' } };
    expect((workersAi.endpoints.embed!.response!(body, responseCtx).data as { embedding: string }[])[0].embedding).toBe(Buffer.from(new Float32Array([0.25, -0.5]).buffer).toString('base64'));
  });

  it('maps Cloudflare API errors', () => {
    expect(workersAi.error(400, { errors: [{ message: 'AiError: Bad input: must have required property \'messages\'', code: 5006 }], success: false, result: null, messages: [] }, ctx())).toEqual({
      error: { message: "workers-ai error: AiError: Bad input: must have required property 'messages'", type: null, param: null, code: '5006' },
      provider: 'workers-ai',
    });
    expect(workersAi.error(401, { error: { message: 'Authentication error', type: 'invalid_request_error', param: null, code: null } }, ctx()).error.message).toBe('workers-ai error: Authentication error');
  });
});
