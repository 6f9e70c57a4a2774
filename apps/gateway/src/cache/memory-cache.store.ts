/**
 * The in-process store: an LRU bounded in bytes (entries are evicted oldest-used first once the
 * budget is spent), with per-entry expiry checked on read. One process only.
 */
import { entrySize, type CacheEntry } from './cache-entry.js';
import { MAX_VECTORS_PER_SCOPE, type CacheStore, type VectorRecord } from './cache-store.js';

interface Slot {
  entry: CacheEntry;
  expiresAt: number;
  size: number;
}

function vectorSize(record: VectorRecord): number {
  return 100 + record.key.length + record.vector.byteLength;
}

interface VectorSlot extends VectorRecord {
  expiresAt: number;
}

export class MemoryCacheStore implements CacheStore {
  readonly name = 'memory';
  private readonly slots = new Map<string, Slot>();
  private readonly scopes = new Map<string, VectorSlot[]>();
  private bytes = 0;
  private vectorBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get usedBytes(): number {
    return this.bytes;
  }

  get(key: string): CacheEntry | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    if (slot.expiresAt <= this.now()) {
      this.bytes -= slot.size;
      return undefined;
    }
    this.slots.set(key, slot); // most recently used goes last
    return slot.entry;
  }

  set(key: string, entry: CacheEntry, ttlSeconds: number): void {
    const size = entrySize(entry, key);
    if (size > this.maxBytes) return;
    const old = this.slots.get(key);
    if (old) {
      this.bytes -= old.size;
      this.slots.delete(key);
    }
    while (this.bytes + size > this.maxBytes) {
      const [oldestKey, oldest] = this.slots.entries().next().value as [string, Slot];
      this.slots.delete(oldestKey);
      this.bytes -= oldest.size;
    }
    this.slots.set(key, { entry, expiresAt: this.now() + ttlSeconds * 1000, size });
    this.bytes += size;
  }

  /**
   * Vectors get a quarter of the byte budget on top of the answers; past it, the scope used least
   * recently goes first (scopes are as many as distinct models × configs × system prompts).
   */
  addVector(scope: string, record: VectorRecord, ttlSeconds: number): void {
    let list = this.scopes.get(scope);
    if (list) this.scopes.delete(scope);
    this.scopes.set(scope, (list ??= []));
    list.unshift({ ...record, expiresAt: this.now() + ttlSeconds * 1000 });
    this.vectorBytes += vectorSize(record);
    if (list.length > MAX_VECTORS_PER_SCOPE) this.vectorBytes -= list.splice(MAX_VECTORS_PER_SCOPE).reduce((sum, r) => sum + vectorSize(r), 0);
    while (this.vectorBytes > this.maxBytes / 4 && this.scopes.size > 1) {
      const [oldest, dropped] = this.scopes.entries().next().value as [string, VectorSlot[]];
      this.scopes.delete(oldest);
      this.vectorBytes -= dropped.reduce((sum, r) => sum + vectorSize(r), 0);
    }
  }

  vectors(scope: string, limit: number): VectorRecord[] {
    const now = this.now();
    const list = this.scopes.get(scope);
    if (!list) return [];
    const live = list.filter((r) => r.expiresAt > now);
    if (live.length !== list.length) {
      this.vectorBytes -= list.filter((r) => r.expiresAt <= now).reduce((sum, r) => sum + vectorSize(r), 0);
      this.scopes.set(scope, live);
    }
    return live.slice(0, limit);
  }

  async close(): Promise<void> {
    this.slots.clear();
    this.scopes.clear();
    this.bytes = 0;
    this.vectorBytes = 0;
  }
}
