import { Module } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { responseCacheProvider } from '../cache/response-cache.provider.js';
import { EgressPolicy } from '../egress/egress-policy.js';
import { guardrailsProvider } from '../guardrails/guardrails.provider.js';
import { TokenCache } from '../upstream/token-cache.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { ProxyController } from './proxy.controller.js';
import { ProxyService } from './proxy.service.js';
import { RequestLogRecorder } from './request-log-recorder.js';
import { routerProviders } from './router.provider.js';
import { BackgroundRunner } from '../shadow/background-runner.js';
import { ShadowTraffic } from '../shadow/shadow-traffic.js';

/** The data plane: OpenAI-compatible endpoints, routing, provider translation, upstream calls. */
@Module({
  controllers: [ProxyController],
  providers: [
    ProxyService,
    RequestLogRecorder,
    ...routerProviders,
    {
      provide: UpstreamClient,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new UpstreamClient({ connectionsPerOrigin: config.upstreamConnectionsPerOrigin, egressPolicy: new EgressPolicy(config.egress) }),
    },
    { provide: TokenCache, inject: [UpstreamClient], useFactory: (upstream: UpstreamClient) => new TokenCache(upstream) },
    responseCacheProvider,
    guardrailsProvider,
    BackgroundRunner,
    ShadowTraffic,
  ],
  exports: [UpstreamClient, ...routerProviders, BackgroundRunner, ShadowTraffic],
})
export class ProxyModule {}
