/**
 * Prometheus metrics for the whole gateway (with or without a control plane). Global, so the
 * request path injects GatewayMetrics without importing this module.
 */
import { Global, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CircuitBreakerRegistry } from '@aigw/strategies';
import { Gauge } from 'prom-client';
import { RequestLogSink } from '../control-plane/control-plane.port.js';
import { PricingTable } from '../control-plane/request-logs/pricing.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { GatewayMetrics, type RequestLogStatsSource } from './gateway-metrics.js';
import { MetricLabels } from './metric-labels.js';
import { MetricsController } from './metrics.controller.js';

function createMetrics(providers: ProviderRegistry, pricing: PricingTable | undefined, sink: RequestLogSink | undefined, moduleRef: ModuleRef): GatewayMetrics {
  const table = pricing ?? new PricingTable();
  const stats = sink && 'stats' in sink ? (sink as unknown as RequestLogStatsSource) : undefined;
  const metrics = new GatewayMetrics(new MetricLabels(providers, table), table, stats);
  let breakers: CircuitBreakerRegistry | undefined;
  new Gauge({
    name: 'gateway_circuit_breakers',
    help: 'Circuit breakers by state (targets are counted, not named: their keys may hold hosts)',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    collect() {
      // Resolved on the first scrape: the routing engine's module is not this module's import.
      breakers ??= moduleRef.get(CircuitBreakerRegistry, { strict: false }) as CircuitBreakerRegistry;
      const counts: Record<string, number> = { closed: 0, open: 0, 'half-open': 0 };
      for (const b of breakers.snapshot()) counts[b.state] = (counts[b.state] ?? 0) + 1;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  return metrics;
}

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: GatewayMetrics,
      useFactory: createMetrics,
      inject: [ProviderRegistry, { token: PricingTable, optional: true }, { token: RequestLogSink, optional: true }, ModuleRef],
    },
  ],
  exports: [GatewayMetrics],
})
export class MetricsModule {}
