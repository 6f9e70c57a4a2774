import type { EventEmitter } from 'node:events';
import { Pool, type Dispatcher } from 'undici';

/**
 * The gateway's only way out to providers: one keep-alive undici Pool per upstream origin, so a
 * request reuses a warm connection (no TCP/TLS setup) whenever the pool has a free socket.
 */
export interface UpstreamRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  /** A stream is sent as it is read (uploads are never buffered whole). */
  body?: string | Buffer | NodeJS.ReadableStream;
  /** An AbortSignal, or the cheaper AttemptAbort (an EventEmitter undici also accepts). */
  signal?: AbortSignal | EventEmitter;
}

export type UpstreamResponse = Dispatcher.ResponseData;

export interface UpstreamClientOptions {
  connectionsPerOrigin: number;
  /** How long an idle socket is kept (ms). */
  keepAliveTimeoutMs?: number;
  /** Bounds TCP/TLS connect, so a black-holed host fails fast and can be retried. */
  connectTimeoutMs?: number;
}

export class UpstreamClient {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UpstreamClientOptions) {}

  request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const url = new URL(req.url);
    return this.pool(url.origin).request({
      path: url.pathname + url.search,
      method: req.method,
      headers: req.headers,
      body: req.body as string | Buffer | import('node:stream').Readable | undefined,
      signal: req.signal,
      // Timeouts are the routing engine's business (request_timeout, stream idle timeout).
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connectionsPerOrigin,
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
        connect: { timeout: this.options.connectTimeoutMs ?? 10_000 },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** Origins with an open pool: lets tests show connections are pooled per origin. */
  origins(): string[] {
    return [...this.pools.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
