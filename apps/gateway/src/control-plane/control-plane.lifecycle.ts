/**
 * Start and stop of the control plane, in the one order that loses nothing: connect, listen for
 * invalidations, start the log writer, bootstrap the first admin; at shutdown (after the HTTP
 * server has stopped taking requests) flush the log queue, close the bus and the pool, and last
 * stop the embedded Postgres if this process started it.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { migrate } from '../database/migrator.js';
import { PrismaService } from '../database/prisma.service.js';
import { isDatabaseUnreachable } from '../database/unreachable.js';
import { AdminAuthService } from './auth/admin-auth.service.js';
import { BootstrapService } from './bootstrap/bootstrap.service.js';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from './control-plane.options.js';
import { ControlPlanePool } from './control-plane.pool.js';
import { ControlPlaneLookup } from './control-plane.port.js';
import { InvalidationBus } from './invalidation/invalidation.bus.js';
import { CachedControlPlaneLookup } from './lookup/cached-control-plane.lookup.js';
import { RequestLogWriter } from './request-logs/request-log.writer.js';
import { ShadowOutcomeWriter } from './shadow/shadow-outcome.writer.js';

@Injectable()
export class ControlPlaneLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ControlPlane');
  private sessionPurge?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private connected = false;
  private stopping = false;

  constructor(
    @Inject(CONTROL_PLANE_OPTIONS) private readonly options: ControlPlaneOptions,
    private readonly prisma: PrismaService,
    private readonly bus: InvalidationBus,
    private readonly writer: RequestLogWriter,
    private readonly lookup: ControlPlaneLookup,
    private readonly bootstrap: BootstrapService,
    private readonly auth: AdminAuthService,
    private readonly shadowOutcomes: ShadowOutcomeWriter,
    private readonly pool: ControlPlanePool,
  ) {}

  async onModuleInit(): Promise<void> {
    // Until connect() starts the writer, log rows only queue (bounded): none is written into a
    // database whose migrations have not run yet.
    if (!this.options.deferredMigrations) return this.connect();
    // Postgres was down at start-up: serve now (inline configs need no database) and connect when it answers.
    this.retryConnect(1_000);
  }

  /** True once the control plane has connected (false while Postgres is still awaited). */
  get ready(): boolean {
    return this.connected;
  }

  private async connect(): Promise<void> {
    const pending = this.options.deferredMigrations;
    if (pending) {
      await migrate(this.options.databaseUrl, pending);
      this.options.deferredMigrations = undefined;
    }
    // Reachability on the pg pool: Prisma connects (and compiles its query engine) on its first
    // query, which a gateway that only serves traffic never makes (control-plane.pool.ts).
    await this.pool.query('SELECT 1');
    await this.bus.start();
    this.writer.start();
    this.shadowOutcomes.start();
    if (this.options.bootstrapAdmin) await this.bootstrap.ensureFirstAdmin(this.options.bootstrapAdmin);
    this.sessionPurge = setInterval(() => void this.auth.purgeExpiredSessions().catch(() => undefined), 60 * 60_000);
    this.sessionPurge.unref();
    this.connected = true;
    this.logger.log(`Control plane ready (cache invalidation via ${this.options.redisUrl ? 'Redis pub/sub' : 'Postgres LISTEN/NOTIFY'}).`);
  }

  private retryConnect(delayMs: number): void {
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => this.logger.log('Postgres answered: virtual keys, saved configs, API keys and request logs are back.'),
        (error: unknown) => {
          if (this.stopping) return;
          if (!isDatabaseUnreachable(error)) {
            // Reachable but wrong (a failed migration, a bad password): say so, and keep trying slowly.
            this.logger.error(`Control plane cannot start: ${(error as Error).message}`);
          }
          this.retryConnect(Math.min(delayMs * 2, 10_000));
        },
      );
    }, delayMs);
    this.retryTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.sessionPurge);
    await this.writer.close();
    await this.shadowOutcomes.close().catch(() => undefined);
    if (this.lookup instanceof CachedControlPlaneLookup) this.lookup.close();
    await this.bus.close();
    await this.prisma.$disconnect();
    await this.pool.end().catch(() => undefined);
    await this.options.afterShutdown?.();
  }
}
