import { randomBytes } from 'node:crypto';

/**
 * Ids for objects the chat completion does not name (Anthropic `msg_`/`toolu_`, Responses
 * `resp_`/`msg_`/`fc_`). Derived from the upstream id when there is one, so logs correlate;
 * random otherwise.
 */

export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** `prefix` + the upstream id reduced to id-safe characters; random when there is no usable id. */
export function derivedId(prefix: string, upstreamId: unknown): string {
  const safe = typeof upstreamId === 'string' ? upstreamId.replace(/[^A-Za-z0-9_-]/g, '') : '';
  if (!safe) return randomId(prefix);
  return safe.startsWith(prefix) ? safe : `${prefix}${safe}`;
}
