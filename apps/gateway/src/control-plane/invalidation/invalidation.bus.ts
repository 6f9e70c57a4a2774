/**
 * Cache invalidation across gateway processes. A write publishes what changed; every process
 * (this one synchronously, the others through Postgres LISTEN/NOTIFY or Redis pub/sub) drops the
 * entry, so the next request reloads it. After a lost connection a process cannot know what it
 * missed, so it receives `{ kind: 'all' }` and drops everything.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';

export type InvalidationEvent =
  | { kind: 'api-key'; keyHash: string }
  | { kind: 'virtual-key'; workspaceId: string; slug: string }
  | { kind: 'config'; workspaceId: string; configId: string }
  | { kind: 'workspace'; workspaceId: string }
  | { kind: 'all' };

export type InvalidationListener = (event: InvalidationEvent) => void;

export const INVALIDATION_CHANNEL = 'aigw_control_plane';

interface Envelope {
  origin: string;
  event: InvalidationEvent;
}

export abstract class InvalidationBus {
  protected readonly logger = new Logger(this.constructor.name);
  /** Tells this process's own messages apart when the transport echoes them back. */
  protected readonly origin = randomUUID();
  private readonly listeners = new Set<InvalidationListener>();

  abstract start(): Promise<void>;
  abstract close(): Promise<void>;
  /** Sends to the other processes. */
  protected abstract send(payload: string): Promise<void>;

  subscribe(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies locally at once (read-your-writes), then tells the other processes. Never throws. */
  async publish(event: InvalidationEvent): Promise<void> {
    this.deliver(event);
    const payload = JSON.stringify({ origin: this.origin, event } satisfies Envelope);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(payload);
        return;
      } catch (error) {
        if (attempt >= 3) {
          // Other processes keep their entry until its max age (the lookup's safety net).
          this.logger.error(`Could not publish a cache invalidation (${event.kind}): ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  protected receive(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.origin === this.origin || !envelope.event?.kind) return;
    this.deliver(envelope.event);
  }

  protected deliver(event: InvalidationEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`Invalidation listener failed: ${(error as Error).message}`);
      }
    }
  }
}

/** One process, no transport: for a single gateway and for unit tests. */
export class LocalInvalidationBus extends InvalidationBus {
  async start(): Promise<void> {}
  async close(): Promise<void> {}
  protected async send(): Promise<void> {}
}
