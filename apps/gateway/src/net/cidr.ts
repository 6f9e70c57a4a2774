/**
 * CIDR ranges over the 16-byte address space of ip-address.ts (an IPv4 range is its IPv4-mapped
 * IPv6 range, /n becoming /96+n), for the special-purpose table and the operator's settings.
 */
import { type IpBytes, parseIp } from './ip-address.js';

export interface Cidr {
  bytes: IpBytes;
  prefix: number;
  text: string;
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address (`127.0.0.1`, `::1`); undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, bits, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const bytes = parseIp(address);
  if (!bytes) return undefined;
  const isV4 = !address.includes(':');
  const max = isV4 ? 32 : 128;
  const width = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(width >= 0 && width <= max)) return undefined;
  return { bytes, prefix: isV4 ? 96 + width : width, text: text.trim() };
}

export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`invalid CIDR range: ${text}`);
  return parsed;
}

export function inCidr(address: IpBytes, range: Cidr): boolean {
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}
