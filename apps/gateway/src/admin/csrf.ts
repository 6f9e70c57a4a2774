/**
 * CSRF protection for cookie sessions: a browser sends the session cookie on any request to us,
 * even one a hostile page triggers, so state-changing calls made with the cookie must also carry
 * `x-csrf-token` (a page on another site cannot read our cookie to copy it) and, when the browser
 * names one, an Origin that is ours. The token is an HMAC of the session token, so it needs no
 * storage and dies with the session. Bearer and admin-API-key calls are exempt: a browser never
 * attaches those by itself.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { AdminOptions } from './admin.options.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

export class CsrfTokens {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    // A key of its own, so a CSRF token never doubles as anything the master key protects.
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'aigw admin csrf v1', 32));
  }

  tokenFor(sessionToken: string): string {
    return createHmac('sha256', this.key).update(sessionToken, 'utf8').digest('base64url');
  }

  verify(sessionToken: string, presented: string | undefined): boolean {
    if (!presented) return false;
    const expected = Buffer.from(this.tokenFor(sessionToken));
    const given = Buffer.from(presented);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

type Headers = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The origin the request came from, per the browser (Origin, else Referer), if it said. */
function claimedOrigin(headers: Headers): string | undefined {
  const origin = first(headers.origin);
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return 'null';
  const referer = first(headers.referer);
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** True when the browser names no origin, or names ours (the public URL's, else this Host's). */
export function sameOrigin(request: { protocol?: string; headers: Headers }, options: AdminOptions): boolean {
  const claimed = claimedOrigin(request.headers);
  if (claimed === undefined) return true;
  if (options.publicUrl) return claimed === new URL(options.publicUrl).origin;
  const host = first(request.headers.host);
  if (!host) return false;
  const proto = first(request.headers['x-forwarded-proto']) ?? request.protocol ?? 'http';
  return claimed === `${proto}://${host}`;
}
