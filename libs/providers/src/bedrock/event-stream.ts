import type { BinaryEventParser, StreamEvent } from '../core/types.js';
import { crc32 } from './crc32.js';

/**
 * Decoder for the AWS event-stream binary framing (`application/vnd.amazon.eventstream`), which
 * Bedrock's ConverseStream and InvokeModelWithResponseStream answer with. Each message:
 *
 *   total length (u32 BE) | headers length (u32 BE) | prelude CRC32 (u32 BE, of the first 8 bytes)
 *   headers | payload | message CRC32 (u32 BE, of every byte before it)
 *
 * A header is: name length (u8), name (UTF-8), value type (u8), value. Messages may arrive split
 * across, or packed into, any number of network chunks, so bytes are buffered until a whole
 * message is there. Both CRCs are verified: a mismatch means the stream is corrupt and nothing
 * after it can be trusted, so decoding stops with an error rather than guessing at a resync.
 */

/** AWS caps one event-stream message at 16 MiB; anything bigger is a corrupt length field. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const PRELUDE_BYTES = 12;
/** Prelude (12) + message CRC (4). */
const OVERHEAD_BYTES = 16;

export class EventStreamDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStreamDecodeError';
  }
}

export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Uint8Array;
}

const utf8 = new TextDecoder('utf-8');

/** Splits a byte stream into whole messages; `push` returns the messages completed by the chunk. */
export class EventStreamDecoder {
  private buffer: Uint8Array = new Uint8Array(0);
  private failed = false;

  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.failed) throw new EventStreamDecodeError('event stream already failed');
    this.buffer = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    const messages: EventStreamMessage[] = [];
    try {
      let message: EventStreamMessage | undefined;
      while ((message = this.next()) !== undefined) messages.push(message);
    } catch (error) {
      this.failed = true;
      throw error;
    }
    return messages;
  }

  /** Bytes received that do not yet form a whole message (a stream ending here was cut short). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private next(): EventStreamMessage | undefined {
    const buf = this.buffer;
    if (buf.length < PRELUDE_BYTES) return undefined;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const total = view.getUint32(0);
    const headersLength = view.getUint32(4);
    // The prelude is checked as soon as it is here, before trusting the lengths it carries.
    if (crc32(buf, 0, 8) !== view.getUint32(8)) throw new EventStreamDecodeError('prelude CRC mismatch');
    if (total < OVERHEAD_BYTES || total > MAX_MESSAGE_BYTES || headersLength > total - OVERHEAD_BYTES) {
      throw new EventStreamDecodeError(`invalid message lengths (total ${total}, headers ${headersLength})`);
    }
    if (buf.length < total) return undefined;
    if (crc32(buf, 0, total - 4) !== view.getUint32(total - 4)) throw new EventStreamDecodeError('message CRC mismatch');

    const headers = decodeHeaders(buf.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headersLength));
    const payload = buf.slice(PRELUDE_BYTES + headersLength, total - 4);
    this.buffer = buf.subarray(total);
    return { headers, payload };
  }
}

/**
 * Header values are typed; Bedrock sends only strings (`:event-type`, `:content-type`,
 * `:message-type`, `:exception-type`…), but every type is stepped over correctly so an
 * unexpected one cannot throw the parse off. Non-string values are not needed and are dropped.
 */
function decodeHeaders(bytes: Uint8Array): Record<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, string> = {};
  let at = 0;
  const need = (n: number): void => {
    if (at + n > bytes.length) throw new EventStreamDecodeError('truncated header');
  };
  while (at < bytes.length) {
    need(1);
    const nameLength = bytes[at++];
    need(nameLength + 1);
    const name = utf8.decode(bytes.subarray(at, at + nameLength));
    at += nameLength;
    const type = bytes[at++];
    switch (type) {
      case 0: // bool true
      case 1: // bool false
        break;
      case 2: // byte
        need(1);
        at += 1;
        break;
      case 3: // short
        need(2);
        at += 2;
        break;
      case 4: // int
        need(4);
        at += 4;
        break;
      case 5: // long
      case 8: // timestamp (ms since epoch, i64)
        need(8);
        at += 8;
        break;
      case 6: // byte array: u16 length + bytes
      case 7: {
        // string: u16 length + UTF-8
        need(2);
        const length = view.getUint16(at);
        at += 2;
        need(length);
        if (type === 7) headers[name] = utf8.decode(bytes.subarray(at, at + length));
        at += length;
        break;
      }
      case 9: // uuid
        need(16);
        at += 16;
        break;
      default:
        throw new EventStreamDecodeError(`unknown header value type ${type}`);
    }
  }
  return headers;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Messages → the gateway's StreamEvents: `event` names what the payload is, `data` is the payload
 * text (JSON for Bedrock). Exceptions (`:message-type: exception`) are named by their
 * `:exception-type` (throttlingException, validationException…), so the stream transformer can
 * tell them from data events. Generic errors (`:message-type: error`) carry their code and message
 * in headers and become an `error` event with a JSON body.
 */
export function toStreamEvent(message: EventStreamMessage): StreamEvent | undefined {
  const { headers } = message;
  const kind = headers[':message-type'] ?? 'event';
  if (kind === 'exception') {
    return { event: headers[':exception-type'] ?? 'exception', data: utf8.decode(message.payload) };
  }
  if (kind === 'error') {
    return { event: 'error', data: JSON.stringify({ code: headers[':error-code'] ?? null, message: headers[':error-message'] ?? 'unknown error' }) };
  }
  const event = headers[':event-type'];
  // An untyped message has nothing to route on; it is skipped rather than misread.
  if (!event) return undefined;
  return { event, data: utf8.decode(message.payload) };
}

/** A BinaryEventParser for the gateway: raw bytes in, one StreamEvent per whole message out. */
export function createEventStreamParser(): BinaryEventParser & { readonly pendingBytes: number } {
  const decoder = new EventStreamDecoder();
  return {
    push(chunk: Uint8Array): StreamEvent[] {
      return decoder.push(chunk).flatMap((m) => {
        const event = toStreamEvent(m);
        return event ? [event] : [];
      });
    },
    get pendingBytes() {
      return decoder.pendingBytes;
    },
  };
}
