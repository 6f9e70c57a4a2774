import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';

/**
 * Stands in for the client's ServerResponse when a shadow or replay runs: the outcome writer
 * writes the answer here (same translation, guardrails and error shapes as for a client), and
 * the bytes are kept, up to a bound, for the comparison. Nothing goes to any socket.
 */
export class CaptureResponse extends Writable {
  statusCode = 0;
  headersSent = false;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes = 256 * 1024) {
    super();
  }

  writeHead(status: number): this {
    this.statusCode = status;
    this.headersSent = true;
    return this;
  }

  setHeader(): this {
    return this;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.size < this.maxBytes) {
      const kept = bytes.subarray(0, this.maxBytes - this.size);
      this.chunks.push(kept);
      this.size += kept.length;
    }
    callback();
  }

  body(): Buffer {
    return Buffer.concat(this.chunks);
  }

  asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}
