import { Logger } from '@nestjs/common';
import { createGatewayApp } from './bootstrap.js';
import { loadGatewayConfig } from './config/gateway-config.js';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createGatewayApp({ config });
  await app.listen(config.port, config.host);
  new Logger('Gateway').log(`AI gateway listening on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`);
}

main().catch((error: unknown) => {
  // A start-up failure (bad env, database, migrations) must stop the process with its reason.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
