import type { Provider } from '@nestjs/common';
import { CircuitBreakerRegistry, createRouter } from '@aigw/strategies';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';

/** Injection token for the process-wide routing engine. */
export const GATEWAY_ROUTER = Symbol('GATEWAY_ROUTER');

/**
 * One router and one circuit-breaker registry per process: breaker state is shared by every
 * request, so a dead target is skipped instead of costing each request a timeout.
 */
export const routerProviders: Provider[] = [
  { provide: CircuitBreakerRegistry, useFactory: () => new CircuitBreakerRegistry() },
  {
    provide: GATEWAY_ROUTER,
    inject: [GATEWAY_CONFIG, CircuitBreakerRegistry],
    useFactory: (config: GatewayConfig, breakers: CircuitBreakerRegistry) =>
      createRouter({ backoff: { baseMs: config.retryBaseMs, capMs: config.retryCapMs }, breakers }),
  },
];
