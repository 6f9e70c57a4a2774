/** The access log, when GATEWAY_ACCESS_LOG is on. Global, so the request path injects it without an import. */
import { Global, Module } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { AccessLog } from './access-log.js';
import { gatewayLog } from './gateway-log.js';

@Global()
@Module({
  providers: [{ provide: AccessLog, useFactory: (config: GatewayConfig) => (config.accessLog ? new AccessLog(gatewayLog()) : null), inject: [GATEWAY_CONFIG] }],
  exports: [AccessLog],
})
export class LoggingModule {}
