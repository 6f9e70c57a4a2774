import type { Provider } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { ControlPlaneLookup } from '../control-plane/control-plane.port.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { TokenCache } from '../upstream/token-cache.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { EmbeddingClient } from './embedding-client.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { ResponseCache } from './response-cache.js';

/**
 * The response cache: Redis when REDIS_URL is set (every replica shares answers), else memory.
 * Built once at start-up; ioredis is imported only in the Redis case.
 */
export const responseCacheProvider: Provider = {
  provide: ResponseCache,
  inject: [GATEWAY_CONFIG, UpstreamClient, ControlPlaneLookup, TokenCache, ProviderRegistry],
  useFactory: async (config: GatewayConfig, upstream: UpstreamClient, lookup: ControlPlaneLookup, tokens: TokenCache, providers: ProviderRegistry) => {
    const embeddings = new EmbeddingClient(upstream, lookup, tokens, providers);
    // One answer may take at most 1/8 of the memory budget, and 4 MiB in any store.
    const maxEntryBytes = Math.min(4 * 1024 * 1024, Math.floor(config.cacheMaxBytes / 8));
    if (!config.cacheRedisUrl) return new ResponseCache(new MemoryCacheStore(config.cacheMaxBytes), embeddings, maxEntryBytes);
    const { RedisCacheStore } = await import('./redis-cache.store.js');
    let cache: ResponseCache | undefined = undefined;
    const store = new RedisCacheStore(config.cacheRedisUrl, 250, (error) => cache?.warn(`Redis cache: ${error.message}`));
    cache = new ResponseCache(store, embeddings, maxEntryBytes);
    return cache;
  },
};
