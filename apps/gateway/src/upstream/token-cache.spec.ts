import type { TokenSource } from '@aigw/providers';
import { TokenCache } from './token-cache.js';
import type { UpstreamClient } from './upstream-client.js';

/** OAuth tokens are fetched once per credential, shared by concurrent requests, renewed before expiry. */
describe('TokenCache', () => {
  let now = 1_000_000;
  let fetches = 0;
  const source: TokenSource = {
    cacheKey: (options) => (options.apiKey ? `key:${options.apiKey}` : undefined),
    fetchToken: async (options, http) => {
      fetches++;
      const { json } = await http({ url: 'https://login.example/token', headers: {}, body: `client=${options.apiKey}` });
      return { accessToken: `${(json as { token: string }).token}-${fetches}`, expiresInSeconds: 3600 };
    },
  };
  const upstream = {
    request: async () => ({ statusCode: 200, body: { text: async () => JSON.stringify({ token: 'tok' }) } }),
  } as unknown as UpstreamClient;
  const cache = new TokenCache(upstream, () => now);

  it('answers nothing when the provider needs no token for these options', async () => {
    expect(await cache.accessToken(source, { provider: 'p' })).toBeUndefined();
    expect(fetches).toBe(0);
  });

  it('fetches once for concurrent requests of one credential, then serves from cache', async () => {
    const tokens = await Promise.all([1, 2, 3].map(() => cache.accessToken(source, { provider: 'p', apiKey: 'a' })));
    expect(tokens).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(await cache.accessToken(source, { provider: 'p', apiKey: 'a' })).toBe('tok-1');
    expect(fetches).toBe(1);
  });

  it('keeps credentials apart', async () => {
    expect(await cache.accessToken(source, { provider: 'p', apiKey: 'b' })).toBe('tok-2');
  });

  it('renews a token within five minutes of its expiry', async () => {
    now += 3600_000 - 4 * 60_000;
    expect(await cache.accessToken(source, { provider: 'p', apiKey: 'a' })).toBe('tok-3');
  });
});
