/** The sealed pending sign-in cookie: opens only untouched, unexpired and under the same key; return paths stay under /admin/. */
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../src/control-plane/crypto/secret-box.js';
import { openPendingSignIn, safeReturnTo, sealPendingSignIn, type PendingSignIn } from '../../src/control-plane/sso/sso-state.js';

describe('SSO pending sign-in state', () => {
  const box = new SecretBox(randomBytes(32));
  const pending: PendingSignIn = {
    connectionId: '6f1c2c4e-8d1a-4a57-9a55-3f1f8c2b7e10',
    state: 'state-1',
    nonce: 'nonce-1',
    codeVerifier: 'verifier-1',
    mode: 'login',
    returnTo: '/admin/',
    expiresAt: Date.now() + 60_000,
  };

  it('round-trips, and hides the PKCE verifier and nonce from the browser', () => {
    const sealed = sealPendingSignIn(box, pending);
    expect(openPendingSignIn(box, sealed)).toEqual(pending);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('verifier-1');
  });

  it('refuses a tampered, expired, foreign or missing cookie', () => {
    const sealed = sealPendingSignIn(box, pending);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(openPendingSignIn(box, bytes.toString('base64url'))).toBeUndefined();
    expect(openPendingSignIn(box, sealed, pending.expiresAt + 1)).toBeUndefined();
    expect(openPendingSignIn(new SecretBox(randomBytes(32)), sealed)).toBeUndefined();
    expect(openPendingSignIn(box, undefined)).toBeUndefined();
    expect(openPendingSignIn(box, 'garbage')).toBeUndefined();
  });

  it('returns only to paths under /admin/ (no open redirect)', () => {
    expect(safeReturnTo('/admin/w/1/configs?x=1')).toBe('/admin/w/1/configs?x=1');
    for (const bad of ['https://evil.example/', '//evil.example/admin/', '/admin\\@evil', '/other', '/admin/\r\nSet-Cookie: x=1', undefined, 42]) {
      expect(safeReturnTo(bad)).toBe('/admin/');
    }
  });
});
