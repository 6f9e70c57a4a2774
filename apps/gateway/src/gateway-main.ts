// Imported by main.ts once V8's memory settings and @nestjs/common are in place.
import { Logger } from '@nestjs/common';
import { setupAdminOpenApi } from './admin/index.js';
import { createGatewayApp } from './bootstrap.js';
import { serveAdminConsole } from './http/admin-console.js';
import { installGracefulShutdown } from './http/graceful-shutdown.js';
import { validateEnvironment } from './config/validate-environment.js';
import { ControlPlaneModule, controlPlaneOptionsFromEnv } from './control-plane/index.js';
import { prepareDatabase } from './database/index.js';
import { gatewayLog } from './logging/gateway-log.js';
import { PinoNestLogger } from './logging/pino-nest-logger.js';
import { routeProcessWarnings } from './logging/process-warnings.js';
import { releaseYoungGeneration } from './runtime/young-generation.js';

/**
 * Start-up: validate the environment, bring up the database (DATABASE_URL, or an embedded Postgres
 * under the data folder) and apply migrations, then serve. Any failure stops the process with its
 * reason instead of serving half a gateway. `GATEWAY_DATABASE=off` runs the stateless data plane
 * only (no virtual keys, saved configs, gateway keys or request logs).
 */
async function main(): Promise<void> {
  // Structured lines from the very first one (database preparation logs before Nest starts).
  Logger.overrideLogger(new PinoNestLogger(gatewayLog()));
  routeProcessWarnings(gatewayLog());
  const logger = new Logger('Gateway');
  // Every setting checked before anything starts; all bad values named in one message.
  const config = validateEnvironment(process.env);
  const withDatabase = process.env.GATEWAY_DATABASE !== 'off';
  const db = withDatabase ? await prepareDatabase(process.env) : undefined;
  const app = await createGatewayApp({
    config,
    controlPlane: db ? ControlPlaneModule.forRoot(controlPlaneOptionsFromEnv(db)) : undefined,
  });
  if (db) setupAdminOpenApi(app);
  const adminConsole = await serveAdminConsole(app);
  installGracefulShutdown(app, config.shutdownGraceMs, logger);
  await app.listen(config.port, config.host);
  releaseYoungGeneration(); // start-up is over: the young generation may grow with the traffic
  const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  logger.log(`AI gateway listening on ${base}`);
  if (adminConsole) logger.log(`Admin console on ${base}/admin/`);
  if (!db) logger.warn('GATEWAY_DATABASE=off: control plane disabled (no virtual keys, saved configs, API keys or request logs)');
}

main().catch((error: unknown) => {
  // A start-up failure (bad env, database, migrations) must stop the process with its reason.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
