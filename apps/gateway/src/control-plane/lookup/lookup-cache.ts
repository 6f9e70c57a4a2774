/**
 * The in-process cache behind every hot-path lookup. Hits answer from a Map; a miss loads once no
 * matter how many requests wait for it (single flight) and caches the answer, negative ones in a
 * bounded map so random keys cannot grow memory without limit.
 *
 * Invalidation is push-based (InvalidationBus); `maxAgeMs` is only a safety net for a lost
 * notification: an older entry is still served, and reloaded in the background.
 */
interface Entry<V> {
  value: V;
  loadedAt: number;
}

export interface LookupCacheOptions<V> {
  isNegative(value: V): boolean;
  maxAgeMs?: number;
  maxNegativeEntries?: number;
  now?: () => number;
}

export class LookupCache<V> {
  private readonly positive = new Map<string, Entry<V>>();
  private readonly negative = new Map<string, Entry<V>>();
  private readonly inflight = new Map<string, Promise<V>>();
  /** Bumped on every invalidation: a load that started before it must not fill the cache. */
  private epoch = 0;
  private readonly maxAgeMs: number;
  private readonly maxNegative: number;
  private readonly now: () => number;

  constructor(private readonly options: LookupCacheOptions<V>) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.maxNegative = options.maxNegativeEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.positive.size + this.negative.size;
  }

  /** The cached entry, or undefined; never loads. */
  peek(key: string): V | undefined {
    return (this.positive.get(key) ?? this.negative.get(key))?.value;
  }

  get(key: string, load: () => Promise<V>): Promise<V> | V {
    const entry = this.positive.get(key) ?? this.negative.get(key);
    if (entry) {
      if (this.now() - entry.loadedAt > this.maxAgeMs && !this.inflight.has(key)) {
        // Serve the entry we have; a failed refresh keeps it (the database may be briefly down).
        this.load(key, load).catch(() => undefined);
      }
      return entry.value;
    }
    return this.inflight.get(key) ?? this.load(key, load);
  }

  private load(key: string, load: () => Promise<V>): Promise<V> {
    const startedAt = this.epoch;
    const promise = load()
      .then((value) => {
        if (this.epoch === startedAt) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }

  private set(key: string, value: V): void {
    const entry = { value, loadedAt: this.now() };
    if (this.options.isNegative(value)) {
      this.positive.delete(key);
      this.negative.delete(key);
      this.negative.set(key, entry);
      if (this.negative.size > this.maxNegative) {
        const oldest = this.negative.keys().next().value;
        if (oldest !== undefined) this.negative.delete(oldest);
      }
    } else {
      this.negative.delete(key);
      this.positive.set(key, entry);
    }
  }

  delete(key: string): void {
    this.epoch++;
    this.positive.delete(key);
    this.negative.delete(key);
    this.inflight.delete(key);
  }

  /** Drops every entry whose value matches (e.g. all keys of a workspace). */
  deleteWhere(predicate: (value: V, key: string) => boolean): void {
    this.epoch++;
    for (const map of [this.positive, this.negative]) {
      for (const [key, entry] of map) if (predicate(entry.value, key)) map.delete(key);
    }
    this.inflight.clear();
  }

  clear(): void {
    this.epoch++;
    this.positive.clear();
    this.negative.clear();
    this.inflight.clear();
  }
}
