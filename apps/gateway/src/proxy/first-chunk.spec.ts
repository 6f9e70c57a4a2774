import { PassThrough } from 'node:stream';
import { firstChunk } from './first-chunk.js';

describe('firstChunk', () => {
  it('resolves true once a chunk is buffered, and the reader still gets every byte', async () => {
    const body = new PassThrough();
    const waiting = firstChunk(body);
    body.write('data: one\n\n');
    expect(await waiting).toBe(true);
    body.end('data: two\n\n');
    let text = '';
    for await (const chunk of body) text += String(chunk);
    expect(text).toBe('data: one\n\ndata: two\n\n');
  });

  it('resolves false when the body ends, fails or is destroyed before any chunk', async () => {
    const ended = new PassThrough();
    const endWait = firstChunk(ended);
    ended.end();
    expect(await endWait).toBe(false);

    const failed = new PassThrough();
    const failWait = firstChunk(failed);
    failed.destroy(new Error('reset'));
    expect(await failWait).toBe(false);

    const destroyed = new PassThrough();
    destroyed.destroy();
    expect(await firstChunk(destroyed)).toBe(false);
  });

  it('leaves only a guard against an unhandled error; the reader still sees a later failure', async () => {
    const body = new PassThrough();
    const waiting = firstChunk(body);
    body.write('x');
    await waiting;
    for (const event of ['readable', 'end', 'close']) expect(body.listenerCount(event)).toBe(0);
    body.destroy(new Error('connection reset'));
    await expect(
      (async () => {
        for await (const _ of body);
      })(),
    ).rejects.toThrow('connection reset');
  });
});
