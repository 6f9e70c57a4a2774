import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { isObject } from './content.js';
import { boundaryOf, describeParts, parseMultipart, textFields, type MultipartPart } from './multipart.js';

/**
 * Turns the raw request bytes into what handlers and the recorder use. JSON stays the fast path
 * (one toString + JSON.parse, as before); multipart and form bodies are parsed by content type;
 * anything else is kept as text, or described only by size and hash when it is binary.
 */

export type BodyKind = 'empty' | 'json' | 'text' | 'binary' | 'form' | 'multipart';

export interface ParsedBody {
  kind: BodyKind;
  /** What handlers see as `ctx.body` and the recorder stores. */
  body: unknown;
  /** Present but neither JSON, form nor valid multipart. */
  badJson: boolean;
  parts?: MultipartPart[];
  /** Why a multipart body could not be parsed. */
  multipartError?: string;
  /** `model` from the JSON body, a form field or a multipart text field. */
  bodyModel?: string;
}

export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { kind: 'empty', body: undefined, badJson: false };
  const type = contentType?.toLowerCase() ?? '';
  if (type.startsWith('multipart/form-data')) return multipart(raw, contentType!);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const fields = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    return { kind: 'form', body: fields, badJson: false, bodyModel: stringOr(fields.model) };
  }
  const text = raw.toString('utf8');
  try {
    const body: unknown = JSON.parse(text);
    return { kind: 'json', body, badJson: false, bodyModel: isObject(body) ? stringOr(body.model) : undefined };
  } catch {
    return isUtf8(raw) ? { kind: 'text', body: text, badJson: true } : { kind: 'binary', body: undefined, badJson: true };
  }
}

function multipart(raw: Buffer, contentType: string): ParsedBody {
  const boundary = boundaryOf(contentType);
  try {
    if (!boundary) throw new Error('multipart: no boundary in content-type');
    const parts = parseMultipart(raw, boundary);
    return { kind: 'multipart', body: { multipart: describeParts(parts) }, badJson: false, parts, bodyModel: stringOr(textFields(parts).model) };
  } catch (e) {
    const body = isUtf8(raw) ? raw.toString('utf8') : undefined;
    return { kind: isUtf8(raw) ? 'text' : 'binary', body, badJson: true, multipartError: (e as Error).message };
  }
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function sha256Hex(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}
