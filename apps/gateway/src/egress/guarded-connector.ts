/**
 * The undici connector that enforces the egress policy at connect time, on the address actually
 * dialled: literal addresses are checked before the socket is opened, and names through the
 * `lookup` hook Node's net/tls call with the DNS answer they are about to connect to. There is no
 * separate "check, then connect" resolution, so a name that rebinds between two lookups (public,
 * then private) cannot slip through: the one answer checked is the one used. The connected
 * socket's peer address is checked once more as a second line.
 */
import { type LookupAddress, lookup as dnsLookup, type LookupOptions } from 'node:dns';
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import type { EgressPolicy, EgressRefusedError, EgressTrust } from './egress-policy.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(policy: EgressPolicy, trust: EgressTrust) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const refused = policy.checkAddress(address, hostname, trust);
        if (refused) return callback(refused as NodeJS.ErrnoException & EgressRefusedError, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export function guardedConnector(policy: EgressPolicy, trust: EgressTrust, options: { timeout: number }): buildConnector.connector {
  const dialChecked = buildConnector({ timeout: options.timeout, lookup: guardedLookup(policy, trust) } as buildConnector.BuildOptions);
  const dialTrusted = buildConnector({ timeout: options.timeout });

  return (connect, callback) => {
    const verdict = policy.checkHost(connect.hostname, trust);
    if (verdict.kind === 'refused') return callback(verdict.error, null);
    if (verdict.kind === 'trusted') return dialTrusted(connect, callback);
    dialChecked(connect, (error, socket) => {
      if (error || !socket) return callback(error, null);
      const peer = (socket as Socket).remoteAddress;
      const refused = peer ? policy.checkAddress(peer, connect.hostname, trust) : undefined;
      if (refused) {
        socket.destroy();
        return callback(refused, null);
      }
      callback(null, socket);
    });
  };
}
