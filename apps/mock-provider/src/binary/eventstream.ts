import { crc32 } from './crc32.js';

/**
 * AWS event-stream encoder (`application/vnd.amazon.eventstream`), the framing of Bedrock's
 * ConverseStream. One message:
 *
 *   total length u32 BE | headers length u32 BE | prelude CRC32 (of the 8 bytes before)
 *   headers | payload | message CRC32 (of every byte before it)
 *
 * Each header: name length u8, name, value type u8 (7 = string), value length u16 BE, value.
 */

const STRING_TYPE = 7;

export function encodeMessage(headers: [name: string, value: string][], payload: Buffer): Buffer {
  const encoded = headers.map(([name, value]) => {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const h = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
    h[0] = n.length;
    n.copy(h, 1);
    h[1 + n.length] = STRING_TYPE;
    h.writeUInt16BE(v.length, 2 + n.length);
    v.copy(h, 4 + n.length);
    return h;
  });
  const headerBytes = Buffer.concat(encoded);
  const total = 12 + headerBytes.length + payload.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headerBytes.length, 4);
  out.writeUInt32BE(crc32(out, 0, 8), 8);
  headerBytes.copy(out, 12);
  payload.copy(out, 12 + headerBytes.length);
  out.writeUInt32BE(crc32(out, 0, total - 4), total - 4);
  return out;
}

/** An `event` message: `:event-type`, `:content-type: application/json`, `:message-type: event`. */
export function eventMessage(eventType: string, payload: unknown): Buffer {
  return encodeMessage(
    [
      [':event-type', eventType],
      [':content-type', 'application/json'],
      [':message-type', 'event'],
    ],
    Buffer.from(JSON.stringify(payload)),
  );
}

/** An `exception` message, e.g. `throttlingException` with `{"message":…}`. */
export function exceptionMessage(exceptionType: string, payload: unknown): Buffer {
  return encodeMessage(
    [
      [':exception-type', exceptionType],
      [':content-type', 'application/json'],
      [':message-type', 'exception'],
    ],
    Buffer.from(JSON.stringify(payload)),
  );
}
