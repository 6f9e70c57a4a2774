import type { Json } from '@aigw/providers';
import type { ChunkSink } from '../streaming/chunk-sinks.js';

/**
 * Wraps the sink of a stream whose answer will be cached: keeps every OpenAI chunk (the usage
 * chunk too, whether or not this client asked for it) while passing it on unchanged. Only a stream
 * that ended normally is stored; an error event marks the capture as failed.
 */
export class CapturingSink implements ChunkSink {
  readonly chunks: Json[] = [];
  failed = false;
  private bytes = 0;

  constructor(
    private readonly inner: ChunkSink,
    /** A stream larger than this is not kept (the in-process store could not hold it anyway). */
    private readonly maxBytes: number,
  ) {}

  get usage() {
    return this.inner.usage;
  }

  chunk(chunk: Json): string {
    if (!this.failed) this.keep(chunk, 0);
    return this.inner.chunk(chunk);
  }

  text(data: string): string {
    if (!this.failed) {
      try {
        this.keep(JSON.parse(data) as Json, data.length);
      } catch {
        this.failed = true;
      }
    }
    return this.inner.text(data);
  }

  end(): string {
    return this.inner.end();
  }

  error(status: number, body: unknown): string {
    this.failed = true;
    return this.inner.error(status, body);
  }

  private keep(chunk: Json, size: number): void {
    this.bytes += size || 256;
    if (this.bytes > this.maxBytes) {
      this.failed = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(chunk);
  }
}
