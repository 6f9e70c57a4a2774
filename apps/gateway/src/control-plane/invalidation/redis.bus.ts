/**
 * Invalidation over Redis pub/sub, used when REDIS_URL is set (e.g. a fleet that already runs Redis,
 * or a Postgres pooler that does not pass LISTEN through). ioredis reconnects and resubscribes on
 * its own; after a reconnect this process drops its whole cache, since messages may have been missed.
 */
import { Redis } from 'ioredis';
import { redactUrl } from '../../database/database-url.js';
import { INVALIDATION_CHANNEL, InvalidationBus } from './invalidation.bus.js';

export class RedisInvalidationBus extends InvalidationBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readyOnce = false;

  constructor(private readonly redisUrl: string) {
    super();
    const options = { lazyConnect: true, maxRetriesPerRequest: 2 };
    this.publisher = new Redis(redisUrl, options);
    this.subscriber = new Redis(redisUrl, options);
    let lastWarning = 0;
    for (const client of [this.publisher, this.subscriber]) {
      // ioredis retries on its own and reports every attempt; one line per 10 s is enough.
      client.on('error', (error: Error) => {
        if (Date.now() - lastWarning < 10_000) return;
        lastWarning = Date.now();
        this.logger.warn(`Redis: ${error.message}`);
      });
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === INVALIDATION_CHANNEL) this.receive(message);
    });
    this.subscriber.on('ready', () => {
      if (this.readyOnce) this.deliver({ kind: 'all' });
      this.readyOnce = true;
    });
  }

  async start(): Promise<void> {
    try {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
      await this.subscriber.subscribe(INVALIDATION_CHANNEL);
    } catch (error) {
      this.publisher.disconnect();
      this.subscriber.disconnect();
      throw new Error(`Cannot connect to Redis at ${redactUrl(this.redisUrl)} (REDIS_URL): ${(error as Error).message}`);
    }
  }

  protected async send(payload: string): Promise<void> {
    await this.publisher.publish(INVALIDATION_CHANNEL, payload);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    // QUIT waits for Redis to answer; with Redis away it would wait for a reconnect that never
    // comes (the offline queue holds it), and shutdown with it.
    if (this.publisher.status === 'ready') await this.publisher.quit().catch(() => this.publisher.disconnect());
    else this.publisher.disconnect();
  }
}
