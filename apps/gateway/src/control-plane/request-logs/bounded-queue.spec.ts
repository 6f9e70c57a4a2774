import { BoundedQueue } from './bounded-queue.js';

describe('BoundedQueue', () => {
  it('keeps FIFO order and drops the oldest beyond capacity, counting them', () => {
    const queue = new BoundedQueue<number>(3);
    for (let i = 1; i <= 5; i++) queue.push(i);
    expect(queue.size).toBe(3);
    expect(queue.dropped).toBe(2);
    expect(queue.take(10)).toEqual([3, 4, 5]);
    expect(queue.size).toBe(0);
  });

  it('puts a failed batch back in front, dropping what no longer fits', () => {
    const queue = new BoundedQueue<number>(4);
    [1, 2, 3].forEach((n) => queue.push(n));
    const batch = queue.take(3);
    [4, 5].forEach((n) => queue.push(n));
    queue.returnToFront(batch);
    expect(queue.dropped).toBe(1);
    expect(queue.take(10)).toEqual([2, 3, 4, 5]);
  });

  it('stays correct across compaction', () => {
    const queue = new BoundedQueue<number>(10_000);
    for (let i = 0; i < 5_000; i++) queue.push(i);
    expect(queue.take(3_000)).toHaveLength(3_000);
    queue.push(5_000);
    expect(queue.take(1)).toEqual([3_000]);
    expect(queue.size).toBe(2_000);
  });
});
