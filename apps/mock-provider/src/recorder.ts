import type { RecordedRequest } from './types.js';

/** How many requests are kept for inspection; counters are unbounded. */
export const RING_SIZE = 1000;

/**
 * Keeps the last RING_SIZE requests in a fixed ring plus per-model totals, so a benchmark of
 * hundreds of thousands of requests uses constant memory and O(1) work per request.
 */
export class Recorder {
  private ring: (RecordedRequest | undefined)[] = new Array(RING_SIZE);
  private head = 0; // next write position
  private total = 0;
  private readonly perModel = new Map<string, number>();

  /** Stores the record, overwriting `seq` with its arrival number (callers pass 0). */
  record(rec: RecordedRequest): RecordedRequest {
    rec.seq = ++this.total;
    this.ring[this.head] = rec;
    this.head = (this.head + 1) % RING_SIZE;
    if (rec.model !== undefined) this.bump(rec.model);
    if (rec.bodyModel !== undefined && rec.bodyModel !== rec.model) this.bump(rec.bodyModel);
    return rec;
  }

  private bump(model: string): void {
    this.perModel.set(model, (this.perModel.get(model) ?? 0) + 1);
  }

  /** Oldest first. A model filter matches the keyed model or the body's model. */
  list(model?: string): RecordedRequest[] {
    const out: RecordedRequest[] = [];
    for (let i = 0; i < RING_SIZE; i++) {
      const r = this.ring[(this.head + i) % RING_SIZE];
      if (r && (model === undefined || r.model === model || r.bodyModel === model)) out.push(r);
    }
    return out;
  }

  count(model?: string): number {
    return model === undefined ? this.total : (this.perModel.get(model) ?? 0);
  }

  clear(): void {
    this.ring = new Array(RING_SIZE);
    this.head = 0;
    this.total = 0;
    this.perModel.clear();
  }
}
