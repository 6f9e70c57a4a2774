/**
 * The address ranges that are not the public internet (IANA's special-purpose registries for IPv4
 * and IPv6), and the IPv6 forms that carry an IPv4 address inside them (IPv4-compatible, NAT64,
 * 6to4, Teredo, ISATAP, SIIT): a caller must not reach 169.254.169.254 by spelling it
 * `64:ff9b::a9fe:a9fe` or `2002:a9fe:a9fe::1`, so the embedded address is classified too.
 */
import { type Cidr, cidr, inCidr } from '../net/cidr.js';
import { type IpBytes, ipv4Bytes } from '../net/ip-address.js';

export type AddressCategory =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared (carrier-grade NAT)'
  | 'link-local'
  | 'documentation'
  | 'multicast'
  | 'reserved';

interface SpecialRange {
  range: Cidr;
  category: AddressCategory;
}

const ranges = (category: AddressCategory, ...texts: string[]): SpecialRange[] => texts.map((text) => ({ range: cidr(text), category }));

const SPECIAL_RANGES: SpecialRange[] = [
  ...ranges('unspecified', '0.0.0.0/8', '::/128'),
  ...ranges('loopback', '127.0.0.0/8', '::1/128'),
  ...ranges('private', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10', '64:ff9b:1::/48'),
  ...ranges('shared (carrier-grade NAT)', '100.64.0.0/10'),
  // 169.254.169.254 and fd00:ec2::254 (inside fc00::/7 above) are the cloud metadata services.
  ...ranges('link-local', '169.254.0.0/16', 'fe80::/10'),
  ...ranges('documentation', '192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'),
  ...ranges('multicast', '224.0.0.0/4', 'ff00::/8'),
  ...ranges(
    'reserved',
    '192.0.0.0/24', // IETF protocol assignments
    '192.88.99.0/24', // 6to4 relay anycast
    '198.18.0.0/15', // benchmarking
    '240.0.0.0/4', // reserved, and 255.255.255.255 broadcast
    '100::/64', // discard-only
    '2001:2::/48', // benchmarking
    '2001:10::/28', // ORCHID
    '2001:20::/28', // ORCHIDv2
    '5f00::/16', // SRv6 SIDs
  ),
];

/** IPv6 forms that embed an IPv4 address, and where it sits. */
const EMBEDDING_FORMS: { name: string; range: Cidr; ipv4: (b: IpBytes) => IpBytes[] }[] = [
  { name: 'IPv4-compatible IPv6', range: cidr('::/96'), ipv4: (b) => [at(b, 12)] },
  { name: 'SIIT (IPv4-translated) IPv6', range: cidr('::ffff:0:0:0/96'), ipv4: (b) => [at(b, 12)] },
  { name: 'NAT64', range: cidr('64:ff9b::/96'), ipv4: (b) => [at(b, 12)] },
  { name: '6to4', range: cidr('2002::/16'), ipv4: (b) => [at(b, 2)] },
  // Teredo carries the server's address, and the client's with every bit inverted.
  { name: 'Teredo', range: cidr('2001::/32'), ipv4: (b) => [at(b, 4), ipv4Bytes(b[12] ^ 0xff, b[13] ^ 0xff, b[14] ^ 0xff, b[15] ^ 0xff)] },
];

function at(b: IpBytes, offset: number): IpBytes {
  return ipv4Bytes(b[offset], b[offset + 1], b[offset + 2], b[offset + 3]);
}

/** ISATAP interface identifiers (`…:0:5efe:a.b.c.d`, `…:200:5efe:a.b.c.d`) embed one too. */
function isatapIPv4(b: IpBytes): IpBytes | undefined {
  const isatap = (b[8] === 0 || b[8] === 2) && b[9] === 0 && b[10] === 0x5e && b[11] === 0xfe;
  return isatap ? at(b, 12) : undefined;
}

export interface SpecialAddress {
  category: AddressCategory;
  /** The range that matched, e.g. `169.254.0.0/16`. */
  range: string;
  /** Set when the match was on an IPv4 address carried inside an IPv6 one. */
  via?: string;
}

function directMatch(address: IpBytes): SpecialAddress | undefined {
  for (const { range, category } of SPECIAL_RANGES) {
    if (inCidr(address, range)) return { category, range: range.text };
  }
  return undefined;
}

/** Undefined for a public address; otherwise what it is. */
export function classifyAddress(address: IpBytes): SpecialAddress | undefined {
  const direct = directMatch(address);
  if (direct) return direct;
  for (const form of EMBEDDING_FORMS) {
    if (!inCidr(address, form.range)) continue;
    for (const inner of form.ipv4(address)) {
      const match = directMatch(inner);
      if (match) return { ...match, via: form.name };
    }
  }
  const isatap = isatapIPv4(address);
  const match = isatap && directMatch(isatap);
  return match ? { ...match, via: 'ISATAP' } : undefined;
}
