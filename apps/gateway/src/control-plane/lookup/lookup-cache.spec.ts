import { jest } from '@jest/globals';
import { LookupCache } from './lookup-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LookupCache', () => {
  it('answers hits from memory without loading', async () => {
    const cache = new LookupCache<string | null>({ isNegative: (v) => v === null });
    const load = jest.fn(async () => 'value');
    expect(await cache.get('k', load)).toBe('value');
    expect(cache.get('k', load)).toBe('value'); // synchronous on a hit
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads once for concurrent misses (single flight)', async () => {
    const cache = new LookupCache<string>({ isNegative: () => false });
    const gate = deferred<string>();
    const load = jest.fn(() => gate.promise);
    const waiting = [cache.get('k', load), cache.get('k', load), cache.get('k', load)];
    gate.resolve('v');
    expect(await Promise.all(waiting)).toEqual(['v', 'v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a load that an invalidation overtook', async () => {
    const cache = new LookupCache<string>({ isNegative: () => false });
    const gate = deferred<string>();
    const pending = cache.get('k', () => gate.promise);
    cache.delete('k');
    gate.resolve('stale');
    await pending;
    expect(cache.peek('k')).toBeUndefined();
  });

  it('bounds negative entries, oldest out first', async () => {
    const cache = new LookupCache<string | null>({ isNegative: (v) => v === null, maxNegativeEntries: 2 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => null);
    expect(cache.size).toBe(2);
    expect(cache.peek('a')).toBeUndefined();
  });

  it('serves an old entry and refreshes it in the background', async () => {
    let now = 0;
    const cache = new LookupCache<string>({ isNegative: () => false, maxAgeMs: 100, now: () => now });
    await cache.get('k', async () => 'v1');
    now = 200;
    expect(cache.get('k', async () => 'v2')).toBe('v1');
    await new Promise((r) => setImmediate(r));
    expect(cache.peek('k')).toBe('v2');
  });

  it('keeps the old entry when a refresh fails', async () => {
    let now = 0;
    const cache = new LookupCache<string>({ isNegative: () => false, maxAgeMs: 100, now: () => now });
    await cache.get('k', async () => 'v1');
    now = 200;
    expect(cache.get('k', async () => Promise.reject(new Error('db down')))).toBe('v1');
    await new Promise((r) => setImmediate(r));
    expect(cache.peek('k')).toBe('v1');
  });

  it('does not cache failures', async () => {
    const cache = new LookupCache<string>({ isNegative: () => false });
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });
});
