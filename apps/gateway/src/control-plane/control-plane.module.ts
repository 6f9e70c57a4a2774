/**
 * The control plane as one Nest module: the Postgres-backed ControlPlaneLookup and
 * RequestLogSink the request path injects (as the abstract-class tokens of control-plane.port),
 * the admin services, and (unless `adminApi: false`) the admin REST API. Global, so the admin
 * controllers and the lead's modules can inject its services directly.
 *
 *   const db = await prepareDatabase(process.env);
 *   AppModule.forRoot({ config, controlPlane: ControlPlaneModule.forRoot(controlPlaneOptionsFromEnv(db)) })
 */
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { LimitsModule } from '../limits/limits.module.js';
import { PrismaService } from '../database/prisma.service.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditLogService } from './audit/audit-log.service.js';
import { AdminAuthService } from './auth/admin-auth.service.js';
import { BootstrapService } from './bootstrap/bootstrap.service.js';
import { ConfigsService } from './configs/configs.service.js';
import { ControlPlaneLifecycle } from './control-plane.lifecycle.js';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from './control-plane.options.js';
import { ControlPlaneLookup, RequestLogSink } from './control-plane.port.js';
import { SecretBox } from './crypto/secret-box.js';
import { InvalidationBus } from './invalidation/invalidation.bus.js';
import { PgNotifyInvalidationBus } from './invalidation/pg-notify.bus.js';
import { CachedControlPlaneLookup } from './lookup/cached-control-plane.lookup.js';
import { LookupRepository } from './lookup/lookup.repository.js';
import { WorkspaceSettingsCache } from './lookup/workspace-settings.cache.js';
import { PricingTable } from './request-logs/pricing.js';
import { RequestLogQueryService } from './request-logs/request-log.query.js';
import { RequestLogWriter } from './request-logs/request-log.writer.js';
import { ControlPlanePool, createControlPlanePool } from './control-plane.pool.js';
import { VirtualKeysService } from './virtual-keys/virtual-keys.service.js';
import { ShadowOutcomeSink } from '../shadow/shadow.port.js';
import { ComparisonQuery } from './shadow/comparison.query.js';
import { ReplayService } from './shadow/replay.service.js';
import { ShadowOutcomeWriter } from './shadow/shadow-outcome.writer.js';
import { MembersService } from './workspaces/members.service.js';
import { WorkspacesService } from './workspaces/workspaces.service.js';

const SERVICES = [
  AuditLogService,
  VirtualKeysService,
  ConfigsService,
  ApiKeysService,
  WorkspacesService,
  MembersService,
  AdminAuthService,
  BootstrapService,
  RequestLogQueryService,
  LookupRepository,
  ComparisonQuery,
  ReplayService,
];

const OPTIONS = [CONTROL_PLANE_OPTIONS];

function infrastructure(): Provider[] {
  return [
    {
      provide: PrismaService,
      useFactory: (o: ControlPlaneOptions) => new PrismaService({ databaseUrl: o.databaseUrl, poolSize: o.poolSize }),
      inject: OPTIONS,
    },
    { provide: ControlPlanePool, useFactory: (o: ControlPlaneOptions) => createControlPlanePool(o.databaseUrl), inject: OPTIONS },
    { provide: SecretBox, useFactory: (o: ControlPlaneOptions) => new SecretBox(o.masterKey), inject: OPTIONS },
    {
      provide: InvalidationBus,
      // ioredis (~11 MB resident) is loaded only by gateways configured with REDIS_URL.
      useFactory: async (o: ControlPlaneOptions) =>
        o.redisUrl ? new (await import('./invalidation/redis.bus.js')).RedisInvalidationBus(o.redisUrl) : new PgNotifyInvalidationBus(o.databaseUrl),
      inject: OPTIONS,
    },
    { provide: PricingTable, useFactory: (o: ControlPlaneOptions) => PricingTable.load(o.pricingFile), inject: OPTIONS },
    { provide: WorkspaceSettingsCache, useFactory: (r: LookupRepository) => new WorkspaceSettingsCache(r), inject: [LookupRepository] },
    {
      provide: ControlPlaneLookup,
      useFactory: (r: LookupRepository, box: SecretBox, s: WorkspaceSettingsCache, bus: InvalidationBus, o: ControlPlaneOptions) =>
        new CachedControlPlaneLookup(r, box, s, bus, { maxAgeMs: o.cacheMaxAgeMs }),
      inject: [LookupRepository, SecretBox, WorkspaceSettingsCache, InvalidationBus, CONTROL_PLANE_OPTIONS],
    },
    {
      provide: RequestLogWriter,
      useFactory: (p: PrismaService, pricing: PricingTable, s: WorkspaceSettingsCache, o: ControlPlaneOptions, pool: ControlPlanePool) =>
        new RequestLogWriter(p, pricing, s, o.requestLog, pool),
      inject: [PrismaService, PricingTable, WorkspaceSettingsCache, CONTROL_PLANE_OPTIONS, ControlPlanePool],
    },
    { provide: RequestLogSink, useExisting: RequestLogWriter },
    {
      provide: ShadowOutcomeWriter,
      useFactory: (p: PrismaService, pricing: PricingTable, o: ControlPlaneOptions) => new ShadowOutcomeWriter(p, pricing, o.shadowOutcomes),
      inject: [PrismaService, PricingTable, CONTROL_PLANE_OPTIONS],
    },
    { provide: ShadowOutcomeSink, useExisting: ShadowOutcomeWriter },
  ];
}

@Module({})
export class ControlPlaneModule {
  static forRoot(options: ControlPlaneOptions): DynamicModule {
    return {
      module: ControlPlaneModule,
      global: true,
      // Limits are imported first: the admin API's limits controller uses their service.
      imports: options.adminApi === false ? [LimitsModule] : [LimitsModule, AdminModule],
      providers: [{ provide: CONTROL_PLANE_OPTIONS, useValue: options }, ...infrastructure(), ...SERVICES, ControlPlaneLifecycle],
      exports: [
        CONTROL_PLANE_OPTIONS,
        PrismaService,
        ControlPlanePool,
        InvalidationBus,
        ControlPlaneLookup,
        RequestLogSink,
        RequestLogWriter,
        ShadowOutcomeSink,
        ShadowOutcomeWriter,
        PricingTable,
        ...SERVICES,
        LimitsModule,
      ],
    };
  }
}
