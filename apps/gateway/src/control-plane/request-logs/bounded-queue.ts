/**
 * A FIFO with a hard cap: when full, the oldest entries go and are counted. Pushing is O(1) and
 * never throws, which is what the request path needs from the log queue.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private droppedTotal = 0;

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new Error('capacity must be at least 1');
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Entries dropped since creation because the queue was full. */
  get dropped(): number {
    return this.droppedTotal;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.size > this.capacity) {
      this.head++;
      this.droppedTotal++;
    }
    this.compact();
  }

  /** Removes and returns up to `n` of the oldest entries. */
  take(n: number): T[] {
    const batch = this.items.slice(this.head, this.head + n);
    this.head += batch.length;
    this.compact();
    return batch;
  }

  /** Puts a batch that could not be written back in front; what no longer fits is dropped and counted. */
  returnToFront(batch: T[]): void {
    const room = this.capacity - this.size;
    const kept = room >= batch.length ? batch : batch.slice(batch.length - Math.max(room, 0));
    this.droppedTotal += batch.length - kept.length;
    this.items = kept.concat(this.items.slice(this.head));
    this.head = 0;
  }

  private compact(): void {
    // Amortised O(1): copy the live part only once the consumed prefix dominates.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
