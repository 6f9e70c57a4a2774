import type { CacheEntry } from './cache-entry.js';

/** A stored vector of the semantic cache and the exact key of the answer it stands for. */
export interface VectorRecord {
  key: string;
  vector: Float32Array;
}

/**
 * Where answers (and the semantic cache's vectors) live: the process's memory, or Redis shared
 * by every replica. Implementations may throw when their backend is down; the caller turns that
 * into a MISS with a warning.
 */
export interface CacheStore {
  readonly name: string;
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, ttlSeconds: number): void | Promise<void>;
  /** Adds a vector to a scope (workspace, model, config…); a scope keeps a bounded number of the newest. */
  addVector(scope: string, record: VectorRecord, ttlSeconds: number): void | Promise<void>;
  /** The newest vectors of a scope, at most `limit`. */
  vectors(scope: string, limit: number): VectorRecord[] | Promise<VectorRecord[]>;
  close(): Promise<void>;
}

/** Newest vectors kept per semantic scope: the cosine scan is bounded by this. */
export const MAX_VECTORS_PER_SCOPE = 500;
