/**
 * IP addresses as 16 bytes (IPv4 as its IPv4-mapped IPv6 form), so one range table and one
 * matcher cover both families. Parsing is strict: only the canonical spellings that the WHATWG
 * URL parser and getaddrinfo hand us are accepted here; the odd IPv4 spellings (decimal, hex,
 * octal, short) never reach this point because `new URL()` has already normalised them.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type IpBytes = Uint8Array;

export function parseIp(text: string): IpBytes | undefined {
  const address = stripBrackets(text);
  if (isIPv4(address)) return v4MappedBytes(address);
  if (isIPv6(address)) return parseIPv6(address);
  return undefined;
}

/** `[::1]` → `::1`, and a zone (`fe80::1%eth0`) dropped: the zone does not change the range. */
function stripBrackets(text: string): string {
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = inner.indexOf('%');
  return zone === -1 ? inner : inner.slice(0, zone);
}

function v4MappedBytes(dotted: string): IpBytes {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  dotted.split('.').forEach((part, i) => (bytes[12 + i] = Number(part)));
  return bytes;
}

function parseIPv6(address: string): IpBytes {
  // A dotted IPv4 tail (`::ffff:1.2.3.4`) is rewritten as its two hex groups first.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  let text = address;
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number);
    text = `${address.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : new Array(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const value = parseInt(groups[i], 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  }
  return bytes;
}

/** The IPv4 address of an IPv4-mapped IPv6 address, or undefined for a real IPv6 one. */
export function asIPv4(bytes: IpBytes): string | undefined {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return undefined;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return undefined;
  return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
}

/** Readable form for messages: dotted IPv4 for mapped addresses, compressed-enough IPv6 otherwise. */
export function formatIp(bytes: IpBytes): string {
  const v4 = asIPv4(bytes);
  if (v4) return v4;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function ipv4Bytes(a: number, b: number, c: number, d: number): IpBytes {
  return v4MappedBytes(`${a}.${b}.${c}.${d}`);
}
