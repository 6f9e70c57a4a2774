import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '../../src/bootstrap.js';
import { type GatewayConfig, loadGatewayConfig } from '../../src/config/gateway-config.js';

export interface RunningGateway {
  url: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * Starts the real gateway (same bootstrap as `main.ts`) on a random loopback port. Retries are
 * sped up by default so tests never wait on production backoff.
 */
export async function startGateway(overrides: Partial<GatewayConfig> = {}, controlPlane?: DynamicModule): Promise<RunningGateway> {
  const config: GatewayConfig = { ...loadGatewayConfig({}), retryBaseMs: 5, retryCapMs: 20, ...overrides };
  const app = await createGatewayApp({ config, controlPlane }, false);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const close = async () => {
    // Sockets of clients that aborted mid-test must not hold the server open.
    (app.getHttpServer() as import('node:http').Server).closeAllConnections();
    await app.close();
  };
  return { url: `http://127.0.0.1:${address.port}`, app, close };
}
