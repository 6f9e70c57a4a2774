import { maskSecret, newToken, sha256Hex, TOKEN_PREFIX } from './tokens.js';

describe('tokens', () => {
  it('issues prefixed 256-bit random tokens', () => {
    const a = newToken(TOKEN_PREFIX.gatewayKey);
    expect(a).toMatch(/^aigw_[A-Za-z0-9_-]{43}$/);
    expect(newToken(TOKEN_PREFIX.gatewayKey)).not.toBe(a);
  });

  it('hashes with SHA-256 hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['sk-proj-abcdefghijklmnop1234a1b2', 'sk-…a1b2'],
    ['AKIAIOSFODNN7EXAMPLE', 'AKI…MPLE'],
    ['short-key-12', '…12'],
    ['tiny', '…'],
  ])('masks %s as %s', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});
