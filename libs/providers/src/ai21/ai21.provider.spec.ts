import type { TransformContext } from '../core/types.js';
import { ai21 } from './ai21.provider.js';

const ctx: TransformContext = { endpoint: 'chatComplete', options: { provider: 'ai21', apiKey: 'ai21-key' }, stream: false, strictOpenAiCompliance: true };

describe('ai21 provider', () => {
  it('serves chat, completions and embeddings under /studio/v1 with a bearer key', () => {
    expect(ai21.id).toBe('ai21');
    expect(ai21.baseUrl({ provider: 'ai21' })).toBe('https://api.ai21.com/studio/v1');
    expect(Object.keys(ai21.endpoints).sort()).toEqual(['chatComplete', 'complete', 'embed']);
    expect(ai21.endpoints.chatComplete?.path({}, ctx)).toBe('/chat/completions');
    expect(ai21.endpoints.embed?.path({}, ctx)).toBe('/embed');
    expect(ai21.headers(ctx)).toEqual({ authorization: 'Bearer ai21-key' });
  });

  it('maps FastAPI error bodies, validation lists included', () => {
    expect(ai21.error(401, { detail: 'Forbidden: Bad or missing API token.' }, ctx)).toEqual({
      error: { message: 'ai21 error: Forbidden: Bad or missing API token.', type: null, param: null, code: null },
      provider: 'ai21',
    });
    expect(ai21.error(422, { detail: [{ loc: ['body', 'messages', 0, 'content'], msg: 'field required', type: 'value_error.missing' }] }, ctx)).toEqual({
      error: { message: 'ai21 error: messages.0.content: field required', type: 'value_error.missing', param: null, code: null },
      provider: 'ai21',
    });
    expect(ai21.error(500, 'Internal Server Error', ctx).error.message).toBe('ai21 error: Internal Server Error');
  });
});
