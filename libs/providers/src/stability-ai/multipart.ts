import { randomBytes } from 'node:crypto';
import type { Json } from '../core/types.js';

/** A request body ready for the wire, with the content type that describes it. */
export interface EncodedBody {
  contentType: string;
  body: Buffer;
}

/**
 * `multipart/form-data` (RFC 7578) from flat text fields: one part per field, in order. Numbers
 * and booleans are written as text; undefined and null fields are left out. Only text fields are
 * needed for text-to-image, so files are not supported. The boundary is random unless given
 * (tests pin it); a boundary that occurs in a value would break the body, so values are checked.
 */
export function encodeMultipart(fields: Json, boundary = `----aigw-${randomBytes(12).toString('hex')}`): EncodedBody {
  const parts: string[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    if (raw === undefined || raw === null) continue;
    if (typeof raw === 'object') throw new TypeError(`multipart field ${name} must be text, a number or a boolean`);
    const value = String(raw);
    if (value.includes(boundary) || name.includes(boundary)) throw new TypeError(`multipart field ${name} contains the boundary`);
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value}\r\n`);
  }
  parts.push(`--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(parts.join(''), 'utf8') };
}

/** Field names go in a quoted string: quotes and line breaks are percent-encoded, as browsers do. */
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
