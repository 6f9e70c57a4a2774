/**
 * Who may call the gateway: allow and deny lists of addresses and CIDR ranges (IPv4 and IPv6), and
 * of countries read from a header a trusted proxy or CDN sets. Pure: the peer address and headers
 * are inputs, the decision is the output.
 *
 * The client's address is the TCP peer, unless the peer is a trusted proxy: then X-Forwarded-For
 * is read from the right, skipping trusted proxies, and the first other address is the client
 * (entries to its left were written by the client itself and prove nothing). The country header
 * is believed only when the peer is a trusted proxy, for the same reason.
 */
import { type Cidr, inCidr, parseCidr } from '../net/cidr.js';
import { formatIp, parseIp } from '../net/ip-address.js';

export interface InboundSettings {
  allow: string[];
  deny: string[];
  trustedProxies: string[];
  /** Lower-case header name a trusted proxy sets to the client's ISO country code (e.g. `cf-ipcountry`). */
  countryHeader?: string;
  allowCountries: string[];
  denyCountries: string[];
}

export interface InboundRequest {
  peer: string | undefined;
  forwardedFor: string | string[] | undefined;
  country: string | string[] | undefined;
}

export type InboundDecision = { allowed: true; client: string } | { allowed: false; client: string; reason: string };

/** Who is calling, as far as can be believed: the client address and, from a trusted proxy, its country. */
export interface InboundClient {
  address?: Uint8Array;
  country?: string;
}

/** What the settings are called in error messages: environment variables, or a workspace's fields. */
export interface InboundSettingNames {
  allow: string;
  deny: string;
  trustedProxies: string;
  allowCountries: string;
  denyCountries: string;
  /** False for a workspace's rules: the country comes from the operator's GATEWAY_COUNTRY_HEADER. */
  needsCountryHeader: boolean;
}

const ENV_NAMES: InboundSettingNames = {
  allow: 'GATEWAY_INBOUND_ALLOW',
  deny: 'GATEWAY_INBOUND_DENY',
  trustedProxies: 'GATEWAY_TRUSTED_PROXIES',
  allowCountries: 'GATEWAY_INBOUND_ALLOW_COUNTRIES',
  denyCountries: 'GATEWAY_INBOUND_DENY_COUNTRIES',
  needsCountryHeader: true,
};

function ranges(texts: string[], setting: string): Cidr[] {
  return texts.map((text) => {
    const range = parseCidr(text);
    if (!range) throw new Error(`${setting}: "${text}" is not an IP address or CIDR range`);
    return range;
  });
}

function countries(codes: string[], setting: string): Set<string> {
  for (const code of codes) if (!/^[A-Za-z]{2}$/.test(code)) throw new Error(`${setting}: "${code}" is not a two-letter country code`);
  return new Set(codes.map((c) => c.toUpperCase()));
}

export class InboundRules {
  private readonly allow: Cidr[];
  private readonly deny: Cidr[];
  private readonly trustedProxies: Cidr[];
  private readonly allowCountries: Set<string>;
  private readonly denyCountries: Set<string>;
  readonly countryHeader?: string;
  /** False when nothing is configured: the hook is not even installed. */
  readonly active: boolean;

  constructor(settings: InboundSettings, names: InboundSettingNames = ENV_NAMES) {
    this.allow = ranges(settings.allow, names.allow);
    this.deny = ranges(settings.deny, names.deny);
    this.trustedProxies = ranges(settings.trustedProxies, names.trustedProxies);
    this.allowCountries = countries(settings.allowCountries, names.allowCountries);
    this.denyCountries = countries(settings.denyCountries, names.denyCountries);
    this.countryHeader = settings.countryHeader?.toLowerCase() || undefined;
    if ((this.allowCountries.size || this.denyCountries.size) && !this.countryHeader && names.needsCountryHeader) {
      throw new Error('GATEWAY_INBOUND_ALLOW_COUNTRIES / _DENY_COUNTRIES need GATEWAY_COUNTRY_HEADER');
    }
    this.active = this.allow.length + this.deny.length + this.allowCountries.size + this.denyCountries.size > 0;
  }

  decide(request: InboundRequest): InboundDecision {
    return this.judge(this.resolveClient(request));
  }

  /** The client behind the request: X-Forwarded-For and the country header only from a trusted proxy. */
  resolveClient(request: InboundRequest): InboundClient {
    const peerBytes = request.peer ? parseIp(request.peer) : undefined;
    const viaProxy = peerBytes !== undefined && this.isTrustedProxy(peerBytes);
    const address = viaProxy ? (this.forwardedClient(request.forwardedFor) ?? peerBytes) : peerBytes;
    const raw = viaProxy ? (Array.isArray(request.country) ? request.country[0] : request.country) : undefined;
    return { address, country: raw?.trim().toUpperCase() || undefined };
  }

  /** These rules' verdict on a client already resolved (the global rules', or a workspace's own). */
  judge({ address: clientBytes, country }: InboundClient): InboundDecision {
    const client = clientBytes ? formatIp(clientBytes) : 'an unknown address';
    if (!clientBytes) return { allowed: false, client, reason: 'the client address is unknown' };
    const denied = this.deny.find((range) => inCidr(clientBytes, range));
    if (denied) return { allowed: false, client, reason: `${client} is in the denied range ${denied.text}` };
    if (this.allow.length && !this.allow.some((range) => inCidr(clientBytes, range))) {
      return { allowed: false, client, reason: `${client} is not in an allowed range` };
    }
    if (this.allowCountries.size || this.denyCountries.size) {
      if (country && this.denyCountries.has(country)) return { allowed: false, client, reason: `requests from country ${country} are denied` };
      if (this.allowCountries.size && !(country && this.allowCountries.has(country))) {
        return { allowed: false, client, reason: country ? `requests from country ${country} are not allowed` : 'the client country is unknown' };
      }
    }
    return { allowed: true, client };
  }

  private isTrustedProxy(address: Uint8Array): boolean {
    return this.trustedProxies.some((range) => inCidr(address, range));
  }

  /** The right-most X-Forwarded-For entry that is not a trusted proxy. */
  private forwardedClient(header: string | string[] | undefined): Uint8Array | undefined {
    const text = Array.isArray(header) ? header.join(',') : header;
    if (!text) return undefined;
    const hops = text.split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const address = parseIp(hops[i].trim());
      if (!address) return undefined; // a garbled entry: trust nothing further left
      if (!this.isTrustedProxy(address)) return address;
    }
    return undefined;
  }
}
