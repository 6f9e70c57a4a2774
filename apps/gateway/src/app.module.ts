import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from './config/gateway-config.js';
import { ControlPlaneLookup, NullControlPlaneLookup, NullRequestLogSink, RequestLogSink } from './control-plane/control-plane.port.js';
import { HealthController } from './health/health.controller.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { TracingModule } from './tracing/tracing.module.js';
import { ProvidersModule } from './providers/providers.module.js';
import { ProxyModule } from './proxy/proxy.module.js';

export interface AppModuleOptions {
  config: GatewayConfig;
  /**
   * The control plane (Postgres-backed keys, configs, logs, admin API). Without it the gateway
   * still serves every inline-config and header request; virtual keys and saved configs refuse.
   */
  controlPlane?: DynamicModule;
}

/** Gives every module the validated config and the control-plane seams. */
@Global()
@Module({})
class CoreModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const seams = options.controlPlane
      ? []
      : [
          { provide: ControlPlaneLookup, useValue: new NullControlPlaneLookup() },
          { provide: RequestLogSink, useValue: new NullRequestLogSink() },
        ];
    return {
      module: CoreModule,
      imports: options.controlPlane ? [options.controlPlane] : [],
      providers: [{ provide: GATEWAY_CONFIG, useValue: options.config }, ...seams],
      // With a control plane, its (global) module provides the seams; re-export the module itself.
      exports: [GATEWAY_CONFIG, ...(options.controlPlane ? [options.controlPlane] : [ControlPlaneLookup, RequestLogSink])],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(options), ProvidersModule, LoggingModule, MetricsModule, TracingModule, ProxyModule],
      controllers: [HealthController],
    };
  }
}
