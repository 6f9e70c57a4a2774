/**
 * Invalidation over Postgres LISTEN/NOTIFY: no extra infrastructure, since every gateway process
 * already shares the database. One dedicated connection listens (reconnecting with backoff);
 * notifications go out through a small pool.
 */
import pg from 'pg';
import { INVALIDATION_CHANNEL, InvalidationBus } from './invalidation.bus.js';

export class PgNotifyInvalidationBus extends InvalidationBus {
  private listener?: pg.Client;
  private readonly pool: pg.Pool;
  private closed = false;
  private retryMs = 100;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly databaseUrl: string) {
    super();
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    this.pool.on('error', () => undefined); // idle clients dropped by the server; the pool replaces them
  }

  async start(): Promise<void> {
    await this.listen();
  }

  protected async send(payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, payload]);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message) => {
      if (message.channel === INVALIDATION_CHANNEL && message.payload) this.receive(message.payload);
    });
    client.on('error', () => this.onBroken(client));
    client.on('end', () => this.onBroken(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private onBroken(client: pg.Client): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    client.end().catch(() => undefined);
    this.logger.warn('Lost the invalidation listener connection; reconnecting');
    this.scheduleListen();
  }

  private scheduleListen(): void {
    this.reconnectTimer = setTimeout(async () => {
      try {
        await this.listen();
        this.retryMs = 100;
        // Changes made while disconnected were missed: forget everything.
        this.deliver({ kind: 'all' });
      } catch {
        this.retryMs = Math.min(this.retryMs * 2, 5_000);
        if (!this.closed) this.scheduleListen();
      }
    }, this.retryMs);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
