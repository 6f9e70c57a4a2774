import { UnsupportedRequestError } from '../core/types.js';
import { chatCtx } from './__fixtures__/context.js';
import { invalidKeyError } from './__fixtures__/gemini-responses.js';
import { google } from './google.provider.js';

const chat = google.endpoints.chatComplete!;

describe('google provider', () => {
  it('uses the reference id', () => {
    expect(google.id).toBe('google');
    expect(google.displayName).toBe('Google Gemini');
  });

  it('cuts the base URL where the reference does', () => {
    expect(google.baseUrl({ provider: 'google' })).toBe('https://generativelanguage.googleapis.com');
  });

  it('sends the API key in the x-goog-api-key header, never in the path', () => {
    const ctx = chatCtx();
    expect(google.headers(ctx)).toEqual({ 'x-goog-api-key': 'AIza-test-key' });
    expect(chat.path({ model: 'gemini-2.5-flash' }, ctx)).not.toContain('key=');
    expect(google.headers(chatCtx({ options: { provider: 'google' } }))).toEqual({});
  });

  it('builds generateContent and streamGenerateContent?alt=sse paths from the body model', () => {
    expect(chat.path({ model: 'gemini-2.5-flash' }, chatCtx())).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(chat.path({ model: 'models/gemini-2.5-pro' }, chatCtx({ stream: true }))).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
  });

  it('routes tuned models and the v1alpha-only thinking preview', () => {
    expect(chat.path({ model: 'tunedModels/my-model-abc' }, chatCtx())).toBe('/v1beta/tunedModels/my-model-abc:generateContent');
    expect(chat.path({ model: 'gemini-2.0-flash-thinking-exp-01-21' }, chatCtx())).toBe('/v1alpha/models/gemini-2.0-flash-thinking-exp-01-21:generateContent');
  });

  it('percent-encodes the model so it cannot rewrite the method or query', () => {
    expect(chat.path({ model: 'x:embedContent?key=stolen' }, chatCtx())).toBe('/v1beta/models/x%3AembedContent%3Fkey%3Dstolen:generateContent');
    expect(chat.path({ model: '../../v1/files' }, chatCtx())).toBe('/v1beta/models/..%2F..%2Fv1%2Ffiles:generateContent');
  });

  it('rejects a request without a model', () => {
    expect(() => chat.path({}, chatCtx())).toThrow(UnsupportedRequestError);
    expect(() => chat.path({ model: 'models/' }, chatCtx())).toThrow('model is required');
  });

  it('serves chat (with a stream adapter) and embeddings', () => {
    expect(Object.keys(google.endpoints).sort()).toEqual(['chatComplete', 'embed']);
    expect(chat.stream?.framing).toBe('sse');
    expect(google.endpoints.embed?.request).toBeDefined();
  });

  it('maps errors to the unified body', () => {
    expect(google.error(400, invalidKeyError, chatCtx()).error).toEqual({
      message: 'google error: API key not valid. Please pass a valid API key.',
      type: 'INVALID_ARGUMENT',
      param: null,
      code: '400',
    });
  });
});
