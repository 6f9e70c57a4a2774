/**
 * Canary listeners for the egress tests. Each binds `::` (dual-stack: every IPv4 and IPv6 address
 * of the namespace, the private and link-local aliases included) on one port and records every
 * connection it is handed, by the local address the client dialled. Connections to the addresses
 * a test allows (the stand-in "public" address) are piped on to the mock provider instead, so
 * the same port can serve an allowed name and catch a forbidden one.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CanaryHit {
  port: number;
  localAddress: string;
}

export interface Canaries {
  hits: CanaryHit[];
  close(): Promise<void>;
}

export interface CanaryOptions {
  ports: number[];
  /** Default `::` (every address); a single address for a relay to the mock on that address only. */
  host?: string;
  /** Local addresses (as the socket reports them) whose connections go to `forwardTo`. */
  forwardAddresses: string[];
  forwardTo: { host: string; port: number };
}

export async function startCanaries(options: CanaryOptions): Promise<Canaries> {
  const hits: CanaryHit[] = [];
  const forwarded = new Set(options.forwardAddresses.flatMap((a) => [a, `::ffff:${a}`]));
  const sockets = new Set<Socket>();
  const servers: Server[] = [];

  for (const port of options.ports) {
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      const local = socket.localAddress ?? '?';
      if (!forwarded.has(local)) {
        hits.push({ port, localAddress: local });
        socket.destroy();
        return;
      }
      const upstream = connect(options.forwardTo.port, options.forwardTo.host);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: options.host ?? '::', ipv6Only: false }, () => resolve());
    });
    servers.push(server);
  }

  return {
    hits,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
