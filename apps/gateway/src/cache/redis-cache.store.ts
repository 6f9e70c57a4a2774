/**
 * The shared store: answers and semantic vectors in Redis (REDIS_URL), seen by every replica.
 * Loaded with a dynamic import only when REDIS_URL is set (ioredis costs ~11 MB resident).
 *
 * Commands never queue while Redis is away and time out quickly: a cache that is down must cost a
 * MISS, not a stalled request. Answers are `SET … EX`; a scope's vectors are a capped list
 * (newest first), scanned by the gateway (no vector search in Redis needed).
 */
import { Redis } from 'ioredis';
import type { CacheEntry } from './cache-entry.js';
import { MAX_VECTORS_PER_SCOPE, type CacheStore, type VectorRecord } from './cache-store.js';

const PREFIX = 'aigw:cache:';
const VECTORS = 'aigw:semcache:';

/**
 * Push a vector, keep the newest N, and let the list live as long as its longest-lived answer
 * (a shorter max_age must not cut the others' vectors short). One script: atomic, and portable to
 * Redis versions without EXPIRE's GT option.
 */
const ADD_VECTOR = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return 1`;

export class RedisCacheStore implements CacheStore {
  readonly name = 'redis';
  private readonly client: Redis;
  private closed = false;

  constructor(url: string, commandTimeoutMs = 250, onError?: (error: Error) => void) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: 1_000,
      // ioredis waits this long for a socket that already failed to close (2 s by default), which
      // holds a stopping process open.
      disconnectTimeout: 200,
      // Keep trying in the background; requests meanwhile are MISSes.
      retryStrategy: (times: number) => (this.closed ? null : Math.min(times * 200, 2_000)),
    });
    this.client.on('error', (error: Error) => onError?.(error));
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const text = await this.client.get(PREFIX + key);
    return text ? (JSON.parse(text) as CacheEntry) : undefined;
  }

  async set(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void> {
    await this.client.set(PREFIX + key, JSON.stringify(entry), 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async addVector(scope: string, record: VectorRecord, ttlSeconds: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    const item = JSON.stringify({ k: record.key, e: Date.now() + ttl * 1000, v: Buffer.from(record.vector.buffer, record.vector.byteOffset, record.vector.byteLength).toString('base64') });
    await this.client.eval(ADD_VECTOR, 1, VECTORS + scope, item, MAX_VECTORS_PER_SCOPE, ttl);
  }

  async vectors(scope: string, limit: number): Promise<VectorRecord[]> {
    const items = await this.client.lrange(VECTORS + scope, 0, limit - 1);
    const now = Date.now();
    const out: VectorRecord[] = [];
    for (const item of items) {
      const { k, e, v } = JSON.parse(item) as { k: string; e?: number; v: string };
      // An expired answer's vector would only cost a GET that misses.
      if (e !== undefined && e <= now) continue;
      // Copied out: a decoded Buffer may sit at an offset a Float32Array cannot start at.
      out.push({ key: k, vector: new Float32Array(new Uint8Array(Buffer.from(v, 'base64')).buffer) });
    }
    return out;
  }

  async close(): Promise<void> {
    // Nothing is pending that matters (writes are best effort): stop reconnecting at once.
    this.closed = true;
    this.client.disconnect();
  }
}
