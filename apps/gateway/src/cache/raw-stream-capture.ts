import { Transform, type TransformCallback } from 'node:stream';

/**
 * Keeps a copy of a native event stream (Anthropic Messages or OpenAI Responses relayed byte for
 * byte) while it passes through, so a completed one can be cached and replayed as it was.
 */
export class RawStreamCapture extends Transform {
  private readonly parts: Buffer[] = [];
  private size = 0;
  overflow = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.overflow) {
      this.size += chunk.length;
      if (this.size > this.maxBytes) {
        this.overflow = true;
        this.parts.length = 0;
      } else this.parts.push(chunk);
    }
    callback(null, chunk);
  }

  /** The whole stream, when it was kept whole and ended with its API's own completion event. */
  completedText(endpoint: string): string | undefined {
    if (this.overflow) return undefined;
    const text = Buffer.concat(this.parts).toString('utf8');
    const done = endpoint === 'messages' ? /event: message_stop\b/.test(text) : /event: response\.completed\b/.test(text);
    const failed = /event: (error|response\.failed|response\.incomplete)\b/.test(text);
    return done && !failed ? text : undefined;
  }
}
