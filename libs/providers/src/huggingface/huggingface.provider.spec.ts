import type { TransformContext } from '../core/types.js';
import { huggingface } from './huggingface.provider.js';

const ctx = (over: Partial<TransformContext> = {}): TransformContext => ({ endpoint: 'chatComplete', options: { provider: 'huggingface', apiKey: 'hf_test' }, stream: false, strictOpenAiCompliance: true, ...over });

describe('huggingface provider', () => {
  it('uses the router by default and an endpoint URL when given, with /v1 added once', () => {
    expect(huggingface.id).toBe('huggingface');
    expect(huggingface.baseUrl({ provider: 'huggingface' })).toBe('https://router.huggingface.co/v1');
    expect(huggingface.baseUrl({ provider: 'huggingface', huggingfaceBaseUrl: 'https://abc123.us-east-1.aws.endpoints.huggingface.cloud' })).toBe('https://abc123.us-east-1.aws.endpoints.huggingface.cloud/v1');
    expect(huggingface.baseUrl({ provider: 'huggingface', huggingfaceBaseUrl: 'https://abc123.us-east-1.aws.endpoints.huggingface.cloud/v1/' })).toBe('https://abc123.us-east-1.aws.endpoints.huggingface.cloud/v1');
  });

  it('serves chat and completions on the OpenAI paths with a bearer token, asking streams for usage', () => {
    expect(Object.keys(huggingface.endpoints).sort()).toEqual(['chatComplete', 'complete']);
    expect(huggingface.endpoints.chatComplete?.path({}, ctx())).toBe('/chat/completions');
    expect(huggingface.endpoints.complete?.path({}, ctx())).toBe('/completions');
    expect(huggingface.headers(ctx())).toEqual({ authorization: 'Bearer hf_test' });
    const body = { model: 'meta-llama/Llama-3.1-8B-Instruct:cerebras', messages: [{ role: 'user', content: 'Hi' }], stream: true };
    expect(huggingface.endpoints.chatComplete?.request?.(body, ctx({ stream: true }))).toEqual({ ...body, stream_options: { include_usage: true } });
  });

  it('maps router error bodies', () => {
    expect(huggingface.error(401, { error: 'Invalid credentials in Authorization header' }, ctx())).toEqual({
      error: { message: 'huggingface error: Invalid credentials in Authorization header', type: null, param: null, code: null },
      provider: 'huggingface',
    });
  });
});
