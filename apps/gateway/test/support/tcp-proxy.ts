/**
 * A TCP proxy on loopback that a test can cut and restore, to take a service (Postgres, Redis)
 * away from the gateway and give it back without touching the service itself: `down()` resets
 * every open connection and refuses new ones, `up()` listens again on the same port.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Rewrites a service URL (postgresql://…, redis://…) to go through the proxy. */
  via(url: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  /** Client connections currently open through the proxy (what the service's pool holds). */
  openConnections(): number;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = async () => {
    if (server) return; // already up: a second listen would orphan the first server
    server = createServer((client) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as { port: number }).port;
  };

  const down = async () => {
    const closing = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
    server = undefined;
    for (const socket of sockets) socket.resetAndDestroy();
    await closing;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    via(url: string) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    down,
    up: listen,
    close: down,
    openConnections: () => clients.size,
  };
}
