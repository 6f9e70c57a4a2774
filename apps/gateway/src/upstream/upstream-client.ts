import type { EventEmitter } from 'node:events';
import { Pool, type Dispatcher } from 'undici';
import type { EgressPolicy, EgressRefusedError, EgressTrust, HostVerdict } from '../egress/egress-policy.js';
import { BoundedCache } from '../proxy/bounded-cache.js';
import { guardedConnector } from '../egress/guarded-connector.js';

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
  /** Who chose the destination, which decides the addresses it may reach (default: a caller). */
  egress?: EgressTrust;
}

export type UpstreamResponse = Dispatcher.ResponseData;

export interface UpstreamClientOptions {
  connectionsPerOrigin: number;
  /** How long an idle socket is kept (ms). */
  keepAliveTimeoutMs?: number;
  /** Bounds TCP/TLS connect, so a black-holed host fails fast and can be retried. */
  connectTimeoutMs?: number;
  /** Checked on every new connection, on the address dialled. Without it nothing is checked (unit tests only). */
  egressPolicy?: EgressPolicy;
}

export class UpstreamClient {
  private readonly pools = new Map<string, Pool>();
  /** Capped: base URLs come from callers' custom hosts. */
  private readonly hostVerdicts = new BoundedCache<string, HostVerdict>(1024);

  constructor(private readonly options: UpstreamClientOptions) {}

  /**
   * The policy's verdict on a base URL before any DNS lookup (literal addresses, metadata names),
   * so an obviously forbidden destination is refused before the request is prepared. The
   * connect-time check in the pool's connector stays the authority. Verdicts are remembered per
   * base URL (a handful per deployment), so the hot path does not parse the URL every time.
   */
  refusal(baseUrl: string, trust: EgressTrust): EgressRefusedError | undefined {
    const policy = this.options.egressPolicy;
    if (!policy) return undefined;
    const key = trust === 'caller' ? baseUrl : `${trust} ${baseUrl}`;
    let verdict = this.hostVerdicts.get(key);
    if (!verdict) {
      let host: string;
      try {
        host = new URL(baseUrl).hostname;
      } catch {
        return undefined; // not a URL: the send fails with its own clear error
      }
      verdict = policy.checkHost(host, trust);
      this.hostVerdicts.set(key, verdict);
    }
    return verdict.kind === 'refused' ? verdict.error : undefined;
  }

  request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const url = new URL(req.url);
    return this.pool(url.origin, req.egress ?? 'caller').request({
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

  /**
   * One pool per origin and trust level: a connection opened for a virtual key's private host is
   * never lent to a caller-chosen request for the same origin.
   */
  private pool(origin: string, trust: EgressTrust): Pool {
    const key = trust === 'caller' ? origin : `${trust} ${origin}`;
    let pool = this.pools.get(key);
    if (!pool) {
      const timeout = this.options.connectTimeoutMs ?? 10_000;
      const policy = this.options.egressPolicy;
      pool = new Pool(origin, {
        connections: this.options.connectionsPerOrigin,
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
        connect: policy ? guardedConnector(policy, trust, { timeout }) : { timeout },
      });
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Origins with an open pool (prefixed by a trust level other than the caller's): lets tests show connections are pooled per origin. */
  origins(): string[] {
    return [...this.pools.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
