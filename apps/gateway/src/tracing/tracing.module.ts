/** Tracing (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set). Global: the request path injects the Tracer. */
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { Tracer } from './tracer.js';

@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  constructor(@Inject(Tracer) private readonly tracer: Tracer) {}
  async onApplicationShutdown(): Promise<void> {
    await this.tracer.close(); // the last spans still go out
  }
}

@Global()
@Module({
  providers: [
    { provide: Tracer, useFactory: (c: GatewayConfig) => new Tracer({ endpoint: c.otlpEndpoint, serviceName: c.otelServiceName }), inject: [GATEWAY_CONFIG] },
    TracingShutdown,
  ],
  exports: [Tracer],
})
export class TracingModule {}
