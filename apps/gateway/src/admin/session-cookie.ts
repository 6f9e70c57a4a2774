/**
 * The admin session cookie (HttpOnly, SameSite=Lax, scoped to /admin, Secure behind TLS) and its
 * CSRF companion. Lax rather than Strict because an SSO sign-in ends with a redirect chain that
 * starts at the IdP: with Strict the browser would not send the new cookie on the way to /admin/.
 * Lax still withholds it from cross-site POSTs, and the CSRF token covers the rest.
 */
export const SESSION_COOKIE = 'aigw_admin_session';
/** Readable by the console's JavaScript (double submit): it echoes it in `x-csrf-token`. */
export const CSRF_COOKIE = 'aigw_csrf';

export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  for (const part of text.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

function cookie(name: string, value: string, maxAgeSeconds: number, secure: boolean, httpOnly: boolean): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/admin',
    ...(httpOnly ? ['HttpOnly'] : []),
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return cookie(SESSION_COOKIE, token, maxAgeSeconds, secure, true);
}

export function csrfCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return cookie(CSRF_COOKIE, token, maxAgeSeconds, secure, false);
}

export function clearedSessionCookie(): string {
  return cookie(SESSION_COOKIE, '', 0, false, true);
}

export function clearedCsrfCookie(): string {
  return cookie(CSRF_COOKIE, '', 0, false, false);
}
