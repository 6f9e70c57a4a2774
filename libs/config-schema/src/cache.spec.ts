import { parseConfig } from './index.js';

describe('cache settings', () => {
  it('accepts a semantic cache with a threshold and an embedding target (kept verbatim, snake_case)', () => {
    const result = parseConfig({
      provider: 'openai',
      api_key: 'k',
      cache: { mode: 'semantic', max_age: 60, threshold: 0.9, embedding: { provider: 'openai', api_key: 'e', model: 'text-embedding-3-small', custom_host: 'http://127.0.0.1:1/v1' } },
    });
    if (!result.ok) throw new Error(result.errors.join(' | '));
    expect(result.config.cache).toEqual({ mode: 'semantic', maxAge: 60, threshold: 0.9, embedding: { provider: 'openai', api_key: 'e', model: 'text-embedding-3-small', custom_host: 'http://127.0.0.1:1/v1' } });
  });

  it.each([
    [{ mode: 'semantic', threshold: 1.5 }, "'cache.threshold' must be a number between 0 and 1"],
    [{ mode: 'semantic', embedding: { model: 'm' } }, "'cache.embedding' needs a provider or a virtual_key"],
    [{ mode: 'semantic', embedding: { provider: 'openai' } }, "'cache.embedding.model' must name an embedding model"],
    [{ mode: 'semantic', embedding: 'openai' }, "'cache.embedding' must be an object"],
  ])('refuses %j', (cache, message) => {
    const result = parseConfig({ provider: 'openai', api_key: 'k', cache });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join(' | ')).toContain(message);
  });
});
