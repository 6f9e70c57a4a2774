/**
 * Where the gateway may connect on a request's behalf. A destination is allowed when its host name
 * is on the operator's trusted list, or when the address actually dialled is public, trusted, or
 * in a range the policy's trust level opens (an admin-stored virtual key may reach the private
 * ranges the operator named; a caller may not). Pure: the DNS answer is an input.
 */
import { type Cidr, inCidr, parseCidr } from '../net/cidr.js';
import { formatIp, parseIp } from '../net/ip-address.js';
import { classifyAddress } from './special-ranges.js';

/** Who chose the destination: a caller (header, inline or saved config, built-in URL) or an admin (virtual key). */
export type EgressTrust = 'caller' | 'virtual-key';

/** Cloud metadata services by name: refused before any DNS lookup, whatever they resolve to. */
const METADATA_HOST_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

export interface EgressSettings {
  /** TRUSTED_CUSTOM_HOSTS: host names (`*.corp.example` matches subdomains), addresses and CIDR ranges. */
  trustedHosts: string[];
  /** Ranges an admin-stored virtual key's custom host may reach beyond the public internet. */
  virtualKeyRanges: string[];
}

export const DEFAULT_TRUSTED_HOSTS = ['localhost', '127.0.0.1', '::1', 'host.docker.internal'];
export const DEFAULT_VIRTUAL_KEY_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7', '127.0.0.0/8', '::1'];

export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`The gateway refused to connect to ${host}: ${reason}`);
    this.name = 'EgressRefusedError';
  }
}

/** A host is trusted by name, or must have each address it resolves to checked. */
export type HostVerdict = { kind: 'trusted' } | { kind: 'check-addresses' } | { kind: 'refused'; error: EgressRefusedError };

export class EgressPolicy {
  private readonly trustedNames = new Set<string>();
  private readonly trustedSuffixes: string[] = [];
  private readonly trustedRanges: Cidr[] = [];
  private readonly virtualKeyRanges: Cidr[];

  constructor(settings: EgressSettings) {
    for (const entry of settings.trustedHosts.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
      const range = parseCidr(entry.replace(/^\[|\]$/g, ''));
      if (range) this.trustedRanges.push(range);
      else if (entry.includes('/')) throw new Error(`TRUSTED_CUSTOM_HOSTS: "${entry}" is not a valid CIDR range`);
      else if (entry.startsWith('*.')) this.trustedSuffixes.push(normalizeName(entry.slice(1)));
      else this.trustedNames.add(normalizeName(entry));
    }
    this.virtualKeyRanges = settings.virtualKeyRanges.map((text) => {
      const range = parseCidr(text);
      if (!range) throw new Error(`GATEWAY_VIRTUAL_KEY_HOST_RANGES: "${text}" is not a valid CIDR range`);
      return range;
    });
  }

  /** The check before any DNS: trusted names, metadata names, and literal addresses. */
  checkHost(host: string, trust: EgressTrust): HostVerdict {
    const name = normalizeName(host);
    if (parseIp(name)) {
      const error = this.checkAddress(name, host, trust, true);
      return error ? { kind: 'refused', error } : { kind: 'trusted' };
    }
    if (this.trustedNames.has(name) || this.trustedSuffixes.some((suffix) => name.endsWith(suffix))) return { kind: 'trusted' };
    if (METADATA_HOST_NAMES.has(name)) {
      return { kind: 'refused', error: new EgressRefusedError(host, 'it is a cloud metadata service') };
    }
    return { kind: 'check-addresses' };
  }

  /** The check on an address about to be dialled; undefined when allowed. */
  checkAddress(address: string, host: string, trust: EgressTrust, literal = false): EgressRefusedError | undefined {
    const bytes = parseIp(address);
    if (!bytes) return new EgressRefusedError(host, `"${address}" is not an IP address`);
    const special = classifyAddress(bytes);
    if (!special) return undefined;
    if (this.trustedRanges.some((range) => inCidr(bytes, range))) return undefined;
    if (trust === 'virtual-key' && this.virtualKeyRanges.some((range) => inCidr(bytes, range))) return undefined;
    const what = literal ? 'it is' : `${host} resolves to ${formatIp(bytes)},`;
    const via = special.via ? ` (carried in a ${special.via} address)` : '';
    const who = trust === 'virtual-key' ? 'virtual keys may reach only public addresses and the ranges the operator allows' : 'a caller-chosen host may reach only public addresses and TRUSTED_CUSTOM_HOSTS';
    return new EgressRefusedError(host, `${what} a ${special.category} address in ${special.range}${via}; ${who}`);
  }
}

/** Lower case, brackets and one trailing dot removed: `Metadata.Google.Internal.` is the metadata host. */
function normalizeName(host: string): string {
  const lower = host.toLowerCase().replace(/^\[|\]$/g, '');
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}
