/**
 * Start and stop of the control plane, in the one order that loses nothing: connect, listen for
 * invalidations, start the log writer, bootstrap the first admin; at shutdown (after the HTTP
 * server has stopped taking requests) flush the log queue, close the bus and the pool, and last
 * stop the embedded Postgres if this process started it.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { AdminAuthService } from './auth/admin-auth.service.js';
import { BootstrapService } from './bootstrap/bootstrap.service.js';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from './control-plane.options.js';
import { ControlPlaneLookup } from './control-plane.port.js';
import { InvalidationBus } from './invalidation/invalidation.bus.js';
import { CachedControlPlaneLookup } from './lookup/cached-control-plane.lookup.js';
import { RequestLogWriter } from './request-logs/request-log.writer.js';

@Injectable()
export class ControlPlaneLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ControlPlane');
  private sessionPurge?: NodeJS.Timeout;

  constructor(
    @Inject(CONTROL_PLANE_OPTIONS) private readonly options: ControlPlaneOptions,
    private readonly prisma: PrismaService,
    private readonly bus: InvalidationBus,
    private readonly writer: RequestLogWriter,
    private readonly lookup: ControlPlaneLookup,
    private readonly bootstrap: BootstrapService,
    private readonly auth: AdminAuthService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.prisma.$connect();
    await this.bus.start();
    this.writer.start();
    if (this.options.bootstrapAdmin) await this.bootstrap.ensureFirstAdmin(this.options.bootstrapAdmin);
    this.sessionPurge = setInterval(() => void this.auth.purgeExpiredSessions().catch(() => undefined), 60 * 60_000);
    this.sessionPurge.unref();
    this.logger.log(`Control plane ready (cache invalidation via ${this.options.redisUrl ? 'Redis pub/sub' : 'Postgres LISTEN/NOTIFY'}).`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sessionPurge);
    await this.writer.close();
    if (this.lookup instanceof CachedControlPlaneLookup) this.lookup.close();
    await this.bus.close();
    await this.prisma.$disconnect();
    await this.options.afterShutdown?.();
  }
}
