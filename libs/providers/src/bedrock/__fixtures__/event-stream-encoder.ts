import { crc32 } from '../crc32.js';

/**
 * Test-only encoder for the AWS event-stream framing, to build Bedrock streams byte for byte.
 * Its output is checked against published frames in event-stream.spec.ts, so the fixtures built
 * with it are real wire data, not a mirror of the decoder.
 */
export type HeaderValue = string | { type: 'bool'; value: boolean } | { type: 'int'; value: number } | { type: 'timestamp'; value: number } | { type: 'uuid'; value: Uint8Array } | { type: 'bytes'; value: Uint8Array };

const utf8 = new TextEncoder();

export function encodeMessage(headers: Record<string, HeaderValue>, payload: string | Uint8Array): Uint8Array {
  const headerBytes = concat(Object.entries(headers).map(([name, value]) => encodeHeader(name, value)));
  const body = typeof payload === 'string' ? utf8.encode(payload) : payload;
  const total = 16 + headerBytes.length + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headerBytes.length);
  view.setUint32(8, crc32(out, 0, 8));
  out.set(headerBytes, 12);
  out.set(body, 12 + headerBytes.length);
  view.setUint32(total - 4, crc32(out, 0, total - 4));
  return out;
}

function encodeHeader(name: string, value: HeaderValue): Uint8Array {
  const nameBytes = utf8.encode(name);
  let valueBytes: Uint8Array;
  if (typeof value === 'string') {
    const s = utf8.encode(value);
    valueBytes = new Uint8Array(3 + s.length);
    valueBytes[0] = 7;
    new DataView(valueBytes.buffer).setUint16(1, s.length);
    valueBytes.set(s, 3);
  } else if (value.type === 'bool') {
    valueBytes = Uint8Array.of(value.value ? 0 : 1);
  } else if (value.type === 'int') {
    valueBytes = new Uint8Array(5);
    valueBytes[0] = 4;
    new DataView(valueBytes.buffer).setInt32(1, value.value);
  } else if (value.type === 'timestamp') {
    valueBytes = new Uint8Array(9);
    valueBytes[0] = 8;
    new DataView(valueBytes.buffer).setBigInt64(1, BigInt(value.value));
  } else if (value.type === 'uuid') {
    valueBytes = new Uint8Array(17);
    valueBytes[0] = 9;
    valueBytes.set(value.value, 1);
  } else {
    valueBytes = new Uint8Array(3 + value.value.length);
    valueBytes[0] = 6;
    new DataView(valueBytes.buffer).setUint16(1, value.value.length);
    valueBytes.set(value.value, 3);
  }
  return concat([Uint8Array.of(nameBytes.length), nameBytes, valueBytes]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One ConverseStream event frame, with the headers Bedrock sends. */
export function converseEvent(eventType: string, payload: unknown): Uint8Array {
  return encodeMessage({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify(payload));
}

/** One ConverseStream exception frame. */
export function converseException(exceptionType: string, message: string): Uint8Array {
  return encodeMessage({ ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));
}
