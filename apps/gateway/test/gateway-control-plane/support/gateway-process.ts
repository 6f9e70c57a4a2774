/**
 * The gateway as a separate OS process, started the way operators start it (`main.ts`: environment,
 * database preparation, control plane, admin API, graceful shutdown on SIGTERM), for tests where two
 * gateways share one Postgres.
 *
 * By default the process runs `src/main.ts` through ts-register.mjs (SWC in memory, with decorator
 * metadata), so no build is needed and the code under test is always the current source. With
 * GATEWAY_E2E_BUILT=1 it runs the built `dist/main.js` instead (build first: `npm run build`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GATEWAY_ROOT = path.resolve(HERE, '../../..');
const REPO_ROOT = path.resolve(GATEWAY_ROOT, '../..');

export interface GatewayProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves when the process has exited (immediately if it already has). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still running; resolves on exit. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port free on the loopback interface right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function entry(): string[] {
  if (process.env.GATEWAY_E2E_BUILT === '1') {
    const built = path.join(GATEWAY_ROOT, 'dist', 'main.js');
    if (!existsSync(built)) throw new Error(`GATEWAY_E2E_BUILT=1 but ${built} does not exist: run npm run build first`);
    return [built];
  }
  return ['--enable-source-maps', '--import', path.join(HERE, 'ts-register.mjs'), path.join(GATEWAY_ROOT, 'src', 'main.ts')];
}

/** Starts a gateway process and resolves once it answers /health (rejects with its output if it dies or hangs). */
export async function spawnGateway(env: Record<string, string | undefined>, readyTimeoutMs = 30_000): Promise<GatewayProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1', ...env };
  delete childEnv.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the gateway
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];

  const child = spawn(process.execPath, entry(), { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  // Safety net: never leave a gateway running (holding a port and database connections) after the test run.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exitPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      exit = { code, signal };
      resolve(exit);
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const process_: GatewayProcess = {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    exited: () => exitPromise,
    async stop(graceMs = 15_000) {
      if (exit) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exitPromise;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  const started = Date.now();
  for (;;) {
    if (exit) throw new Error(`gateway process exited during start-up (${JSON.stringify(exit)}):\n${output}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return process_;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > readyTimeoutMs) {
      await process_.stop(2_000);
      throw new Error(`gateway process not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
