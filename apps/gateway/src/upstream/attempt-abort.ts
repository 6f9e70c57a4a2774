import { EventEmitter } from 'node:events';

/**
 * Cancels one upstream attempt. undici accepts an EventEmitter with `aborted` in place of an
 * AbortSignal; this runs for every upstream call, and an EventEmitter is several times cheaper
 * than an AbortController, whose EventTarget machinery showed up in profiles.
 */
export class AttemptAbort extends EventEmitter {
  aborted = false;
  reason?: Error;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new Error('The upstream call was cancelled');
    this.reason.name = 'AbortError';
    this.emit('abort');
  }
}
