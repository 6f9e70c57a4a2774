/** Random credentials the gateway issues (API keys, session tokens), their hashes and masked forms. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefixes tell the kinds apart at a glance (and in secret scanners). */
export const TOKEN_PREFIX = {
  gatewayKey: 'aigw_',
  adminKey: 'aigw_admin_',
  session: 'aigw_session_',
} as const;

/** 256 bits of randomness, base64url, behind a readable prefix. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex: the tokens are random, so a fast unsalted hash is safe and lets lookups use an index. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The masked form shown after creation (`sk-…a1b2`): a short, non-secret-looking prefix and the last
 * four characters. Short secrets show only the last two, very short ones nothing.
 */
export function maskSecret(secret: string): string {
  const value = secret.trim();
  if (value.length < 8) return '…';
  if (value.length < 16) return `…${value.slice(-2)}`;
  const dash = value.indexOf('-');
  const underscore = value.indexOf('_');
  const cut = [dash, underscore].filter((i) => i > 0 && i <= 10).sort((a, b) => a - b)[0];
  const prefix = cut !== undefined ? value.slice(0, cut + 1) : value.slice(0, 3);
  return `${prefix}…${value.slice(-4)}`;
}
