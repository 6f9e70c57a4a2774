/**
 * One gateway replica as its own OS process on a fixed loopback port, so that after a SIGKILL it
 * can come back at the same address, as a container behind a load balancer does. Runs `src/main.ts`
 * through the same in-memory SWC loader as the other multi-process tests (no build needed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GATEWAY_ROOT = path.resolve(HERE, '../../..');
const REGISTER = path.resolve(HERE, '../../gateway-control-plane/support/ts-register.mjs');

export interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<unknown>;
}

export async function startReplica(name: string, port: number, env: Record<string, string | undefined>, readyTimeoutMs = 40_000): Promise<Replica> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1' };
  delete childEnv.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the gateway
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, ['--enable-source-maps', '--import', REGISTER, path.join(GATEWAY_ROOT, 'src/main.ts')], {
    cwd: path.resolve(GATEWAY_ROOT, '../..'),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const killOnExit = () => child.kill('SIGKILL'); // never leave a replica behind the test run
  process.once('exit', killOnExit);
  const exited = new Promise((resolve) => child.once('exit', () => resolve(process.removeListener('exit', killOnExit))));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ; ) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`replica ${name} exited during start-up:\n${output}`);
    if (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false)) break;
    if (Date.now() - started > readyTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`replica ${name} not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { name, url, child, output: () => output, exited };
}
