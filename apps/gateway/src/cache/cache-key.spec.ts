import { answerRelevantBody, cacheKey, canonicalJson, type CacheKeyParts } from './cache-key.js';

const base: CacheKeyParts = {
  workspace: 'w',
  namespace: '',
  provider: 'openai',
  url: 'https://api.openai.com/v1/chat/completions',
  model: 'gpt-4o',
  endpoint: 'chatComplete',
  body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], temperature: 0 },
};

describe('cache key', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const reordered = { temperature: 0, messages: [{ content: 'hi', role: 'user' }], model: 'gpt-4o' };
    expect(cacheKey({ ...base, body: reordered })).toBe(cacheKey(base));
  });

  it('leaves out fields that cannot change the answer', () => {
    const noisy = { ...base.body, user: 'u1', stream: true, stream_options: { include_usage: true }, metadata: { a: 1 } };
    expect(cacheKey({ ...base, body: noisy })).toBe(cacheKey(base));
    expect(answerRelevantBody(noisy)).toEqual(base.body);
  });

  it('differs by workspace, namespace, provider, url, model, endpoint and any answer-relevant field', () => {
    const key = cacheKey(base);
    for (const change of [
      { workspace: 'w2' },
      { namespace: 'n' },
      { provider: 'groq' },
      { url: 'https://other/v1/chat/completions' },
      { model: 'gpt-4o-mini' },
      { endpoint: 'complete' },
      { body: { ...base.body, temperature: 1 } },
    ]) {
      expect(cacheKey({ ...base, ...change })).not.toBe(key);
    }
  });
});
