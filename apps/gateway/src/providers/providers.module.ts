import { Global, Module } from '@nestjs/common';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { loadProviderPlugins } from './provider-plugins.js';
import { ProviderRegistry } from './provider-registry.js';

/**
 * Provides the ProviderRegistry: built-in adapters plus the plug-ins of
 * GATEWAY_PROVIDER_PLUGINS, loaded once at start-up (a bad plug-in stops the boot).
 */
@Global()
@Module({
  providers: [
    {
      provide: ProviderRegistry,
      inject: [GATEWAY_CONFIG],
      useFactory: async (config: GatewayConfig) =>
        ProviderRegistry.withBuiltIns(config.providerPluginsDir ? await loadProviderPlugins(config.providerPluginsDir) : []),
    },
  ],
  exports: [ProviderRegistry],
})
export class ProvidersModule {}
