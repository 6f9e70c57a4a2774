import type { Json } from '../../core/types.js';

/** Small readers for untyped client JSON: the inbound translators never trust a field's type. */

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A token count, 0 when absent or malformed. */
export function count(value: unknown): number {
  return asNumber(value) ?? 0;
}

/** `{ [key]: value }` when value is defined and not null, else `{}`: for optional fields in object literals. */
export function optional(key: string, value: unknown): Json {
  return value === undefined || value === null ? {} : { [key]: value };
}
