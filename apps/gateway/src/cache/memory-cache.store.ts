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

interface VectorSlot extends VectorRecord {
  expiresAt: number;
}

export class MemoryCacheStore implements CacheStore {
  readonly name = 'memory';
  private readonly slots = new Map<string, Slot>();
  private readonly scopes = new Map<string, VectorSlot[]>();
  private bytes = 0;

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

  addVector(scope: string, record: VectorRecord, ttlSeconds: number): void {
    let list = this.scopes.get(scope);
    if (!list) this.scopes.set(scope, (list = []));
    list.unshift({ ...record, expiresAt: this.now() + ttlSeconds * 1000 });
    if (list.length > MAX_VECTORS_PER_SCOPE) list.length = MAX_VECTORS_PER_SCOPE;
  }

  vectors(scope: string, limit: number): VectorRecord[] {
    const now = this.now();
    const list = this.scopes.get(scope);
    if (!list) return [];
    const live = list.filter((r) => r.expiresAt > now);
    if (live.length !== list.length) this.scopes.set(scope, live);
    return live.slice(0, limit);
  }

  async close(): Promise<void> {
    this.slots.clear();
    this.scopes.clear();
    this.bytes = 0;
  }
}
