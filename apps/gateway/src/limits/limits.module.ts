/**
 * Rate limits and budgets, part of the control plane (limits are set per workspace, key and
 * virtual key). Counters live in Redis when REDIS_URL is set (exact across replicas), otherwise in
 * this process's memory (exact for one process only). Provides the RequestLimiter the proxy uses.
 */
import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from '../control-plane/control-plane.options.js';
import { InvalidationBus } from '../control-plane/invalidation/invalidation.bus.js';
import { PricingTable } from '../control-plane/request-logs/pricing.js';
import { ControlPlanePool } from '../control-plane/control-plane.pool.js';
import { LIMIT_STORE, type LimitStore } from './limit-rules.js';
import { LimitsCache } from './limits.cache.js';
import { MemoryLimitStore } from './memory-limit-store.js';
import { RequestLimiter } from './request-limiter.js';
import { StoreRequestLimiter } from './store-request-limiter.js';
import { UsageLimitsService } from './usage-limits.service.js';

export { LIMIT_STORE };

async function createStore(options: ControlPlaneOptions): Promise<LimitStore> {
  if (!options.redisUrl) return new MemoryLimitStore();
  // Loaded only with REDIS_URL: ioredis costs ~11 MB resident.
  const [{ Redis }, { RedisLimitStore }] = await Promise.all([import('ioredis'), import('./redis-limit-store.js')]);
  // No offline queue: while Redis is away a decision fails at once (and the failure mode decides)
  // instead of piling requests up behind a reconnect.
  const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined); // reported per failed decision by the limiter, rate-limited
  await redis.connect().catch(() => undefined); // ioredis keeps retrying; the failure mode covers the gap
  return new RedisLimitStore(redis, { settleFlushMs: options.limitsSettleDelayMs });
}

@Injectable()
class LimitsLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly cache: LimitsCache,
    @Inject(LIMIT_STORE) private readonly store: LimitStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.cache.loadAll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.cache.close();
    await this.store.close();
  }
}

// Global: the proxy (another module tree) injects the RequestLimiter.
@Global()
@Module({
  providers: [
    { provide: LIMIT_STORE, useFactory: createStore, inject: [CONTROL_PLANE_OPTIONS] },
    { provide: LimitsCache, useFactory: (pool: ControlPlanePool, bus: InvalidationBus) => new LimitsCache(pool, bus), inject: [ControlPlanePool, InvalidationBus] },
    {
      provide: RequestLimiter,
      useFactory: (cache: LimitsCache, store: LimitStore, pricing: PricingTable, o: ControlPlaneOptions) =>
        new StoreRequestLimiter(cache, store, pricing, o.limitsFailureMode ?? 'open', {
          // Fires once per budget crossing (the admission that carries spend over the threshold).
          alert: (message) => new Logger('Limits').warn(message),
        }),
      inject: [LimitsCache, LIMIT_STORE, PricingTable, CONTROL_PLANE_OPTIONS],
    },
    UsageLimitsService,
    LimitsLifecycle,
  ],
  exports: [RequestLimiter, UsageLimitsService, LimitsCache, LIMIT_STORE],
})
export class LimitsModule {}
