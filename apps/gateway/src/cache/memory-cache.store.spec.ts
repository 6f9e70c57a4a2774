import type { CacheEntry } from './cache-entry.js';
import { MemoryCacheStore } from './memory-cache.store.js';

const entry = (text: string): CacheEntry => ({ v: 1, provider: 'p', model: 'm', json: { body: text, shape: 'client', contentType: 'application/json' } });

describe('MemoryCacheStore', () => {
  it('expires entries after max_age seconds', () => {
    let now = 1_000_000;
    const store = new MemoryCacheStore(1 << 20, () => now);
    store.set('k', entry('{}'), 2);
    now += 1_999;
    expect(store.get('k')).toBeDefined();
    now += 2;
    expect(store.get('k')).toBeUndefined();
  });

  it('stays within its byte budget, evicting the least recently used first', () => {
    const store = new MemoryCacheStore(1_000);
    store.set('a', entry('x'.repeat(250)), 60);
    store.set('b', entry('x'.repeat(250)), 60);
    store.get('a'); // a is now the most recently used
    store.set('c', entry('x'.repeat(250)), 60);
    expect(store.usedBytes).toBeLessThanOrEqual(1_000);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('c')).toBeDefined();
  });

  it('keeps only live vectors of a scope, newest first', () => {
    let now = 0;
    const store = new MemoryCacheStore(1 << 20, () => now);
    store.addVector('s', { key: 'old', vector: new Float32Array([1]) }, 1);
    now = 500;
    store.addVector('s', { key: 'new', vector: new Float32Array([1]) }, 10);
    expect(store.vectors('s', 10).map((r) => r.key)).toEqual(['new', 'old']);
    now = 1_500;
    expect(store.vectors('s', 10).map((r) => r.key)).toEqual(['new']);
  });

  it('bounds the vectors of many scopes, dropping the scope used least recently', () => {
    const store = new MemoryCacheStore(4 * 1024);
    // 256 bytes of vector plus overhead each: a quarter of 4 KiB holds two or three.
    const vector = () => new Float32Array(64);
    for (let i = 0; i < 10; i++) store.addVector(`scope-${i}`, { key: `k${i}`, vector: vector() }, 60);
    expect(store.vectors('scope-0', 10)).toEqual([]);
    expect(store.vectors('scope-9', 10).map((r) => r.key)).toEqual(['k9']);
  });
});
