/**
 * The pending sign-in (state, nonce, PKCE verifier) lives in a short-lived cookie sealed with the
 * master key (AES-256-GCM), not in server memory: any gateway process can finish a sign-in another
 * one started, and the state is bound to the browser that started it, so a callback URL replayed
 * or planted in another browser fails (login CSRF). The cookie is cleared by the callback.
 */
import { SecretBox } from '../crypto/secret-box.js';

export const SSO_STATE_COOKIE = 'aigw_sso_state';
export const SSO_STATE_TTL_MS = 10 * 60 * 1000;
const ASSOCIATED_DATA = 'aigw sso state v1';

export interface PendingSignIn {
  connectionId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** `test`: show what the IdP returned instead of signing in. */
  mode: 'login' | 'test';
  /** Where to land after sign-in: a path under /admin/. */
  returnTo: string;
  expiresAt: number;
}

export function sealPendingSignIn(box: SecretBox, pending: PendingSignIn): string {
  return box.seal(JSON.stringify(pending), ASSOCIATED_DATA).toString('base64url');
}

/** The pending sign-in, or undefined when the cookie is missing, forged or expired. */
export function openPendingSignIn(box: SecretBox, sealed: string | undefined, now = Date.now()): PendingSignIn | undefined {
  if (!sealed) return undefined;
  try {
    const pending = JSON.parse(box.open(Buffer.from(sealed, 'base64url'), ASSOCIATED_DATA)) as PendingSignIn;
    return pending.expiresAt > now ? pending : undefined;
  } catch {
    return undefined;
  }
}

/** Only same-site paths under /admin/ (an open redirect would hand the session page to anyone). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/admin/') || value.startsWith('//') || value.includes('\\') || /[\r\n]/.test(value)) {
    return '/admin/';
  }
  return value;
}
