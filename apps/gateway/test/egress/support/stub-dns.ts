/**
 * A tiny authoritative DNS server for the egress tests: answers A and AAAA queries for a fixed set
 * of names (a record may be a function, so a name can rebind between two lookups), NXDOMAIN for
 * anything else, TTL 0 so nothing is cached. Inside the test's network namespace it listens on
 * 127.0.0.1:53 and /etc/resolv.conf points at it, so the gateway resolves names through the
 * real getaddrinfo path without any query leaving the namespace.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import { parseIp } from '../../../src/net/ip-address.js';

type Answer = string[] | (() => string[]);
export type StubZone = Record<string, Answer>;

const TYPE_A = 1;
const TYPE_AAAA = 28;

export interface StubDns {
  /** Queries received per name (lower case), so a test can see a lookup happened. */
  queries: Map<string, number>;
  close(): Promise<void>;
}

export async function startStubDns(zone: StubZone, host = '127.0.0.1', port = 53): Promise<StubDns> {
  const socket = createSocket('udp4');
  const queries = new Map<string, number>();
  socket.on('message', (message, remote) => {
    const reply = answer(message, zone, queries);
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => resolve());
  });
  return { queries, close: () => new Promise<void>((resolve) => (socket as Socket).close(() => resolve())) };
}

function answer(message: Buffer, zone: StubZone, queries: Map<string, number>): Buffer | undefined {
  if (message.length < 12 || message.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < message.length && message[offset] !== 0) {
    const length = message[offset];
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += 1 + length;
  }
  const questionEnd = offset + 5;
  if (questionEnd > message.length) return undefined;
  const name = labels.join('.').toLowerCase();
  const type = message.readUInt16BE(offset + 1);
  queries.set(name, (queries.get(name) ?? 0) + 1);

  const entry = zone[name];
  const addresses = entry === undefined ? undefined : typeof entry === 'function' ? entry() : entry;
  const wanted = (addresses ?? []).filter((a) => (type === TYPE_A ? isIPv4(a) : type === TYPE_AAAA ? isIPv6(a) : false));
  const records = wanted.map((address) => resourceRecord(type, address));

  const header = Buffer.alloc(12);
  header.writeUInt16BE(message.readUInt16BE(0), 0); // id
  header.writeUInt16BE(0x8400 | 0x0100 | 0x0080 | (addresses === undefined ? 3 : 0), 2); // QR AA RD RA, rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, message.subarray(12, questionEnd), ...records]);
}

function resourceRecord(type: number, address: string): Buffer {
  const data = type === TYPE_A ? Buffer.from(address.split('.').map(Number)) : Buffer.from(parseIp(address)!);
  const record = Buffer.alloc(12);
  record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
  record.writeUInt16BE(type, 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(0, 6); // TTL 0: every lookup asks again
  record.writeUInt16BE(data.length, 10);
  return Buffer.concat([record, data]);
}
