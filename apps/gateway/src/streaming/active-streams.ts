/**
 * The streams being relayed right now, so a shutdown that reaches its deadline can end each one
 * with an error event instead of cutting the connection silently. A Set add and delete per stream.
 */
export class ShuttingDownError extends Error {
  constructor() {
    super('The gateway is shutting down; retry the request');
    this.name = 'ShuttingDownError';
  }
}

const active = new Set<(error: Error) => void>();

/** Registers a stream's abort; returns the function that unregisters it when the stream ends. */
export function trackStream(abort: (error: Error) => void): () => void {
  active.add(abort);
  return () => active.delete(abort);
}

/** Ends every stream in flight with a ShuttingDownError; returns how many there were. */
export function endActiveStreams(): number {
  const count = active.size;
  for (const abort of [...active]) abort(new ShuttingDownError());
  return count;
}
