import type { Provider } from '@nestjs/common';
import { loadGuardrailPlugins } from '@aigw/guardrails';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { Guardrails } from './guardrails.js';

/** The engine, with the plug-ins of GATEWAY_GUARDRAIL_PLUGINS loaded and validated before the gateway listens. */
export const guardrailsProvider: Provider = {
  provide: Guardrails,
  inject: [GATEWAY_CONFIG, UpstreamClient],
  useFactory: async (config: GatewayConfig, upstream: UpstreamClient) =>
    new Guardrails(await loadGuardrailPlugins(config.guardrailPlugins), upstream, config.guardrailTimeoutMs),
};
