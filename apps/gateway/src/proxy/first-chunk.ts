import type { Readable } from 'node:stream';

/**
 * Waits until a response body has its first chunk buffered, and leaves it there for the reader
 * (the stream relay reads it as if nothing had happened). True once a chunk is in; false when the
 * body ends, fails or is destroyed (an aborted call) first. Used only for a hedge's streamed racers.
 */
export function firstChunk(body: Readable): Promise<boolean> {
  if (body.readableLength > 0) return Promise.resolve(true);
  if (body.readableEnded || body.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (): void => {
      body.off('readable', done);
      body.off('end', done);
      body.off('close', done);
      resolve(body.readableLength > 0);
    };
    body.on('readable', done);
    body.on('end', done);
    body.on('close', done);
    // Stays on: a body that fails between its first chunk and its reader (a few ticks later) must
    // not become an unhandled 'error' event; the reader still sees the failure.
    body.on('error', done);
  });
}
