#!/usr/bin/env node
/**
 * Standalone mock for the benchmark:
 *   node apps/mock-provider/dist/cli.js [--port 9100] [--host 127.0.0.1]
 */
import { startMockProvider } from './server.js';

function option(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portText = option(args, 'port') ?? '9100';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port ${portText}`);
    process.exit(2);
  }
  const host = option(args, 'host') ?? '127.0.0.1';
  const mock = await startMockProvider({ port, host });
  console.log(`mock-provider listening on ${mock.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`mock-provider: ${signal}, closing`);
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
