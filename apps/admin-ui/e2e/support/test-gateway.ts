/**
 * A gateway process as operators run it (`apps/gateway/dist/main.js`, so the console it serves is
 * the built one), on a fresh Postgres database that is dropped afterwards, with the first owner
 * created from ADMIN_EMAIL / ADMIN_PASSWORD. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = `${REPO_ROOT}apps/gateway/dist/main.js`;
const CONSOLE_INDEX = `${REPO_ROOT}apps/admin-ui/dist/index.html`;
const SERVER_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestGateway {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `port`: listen there (a test that must name the gateway's URL before it starts, e.g. to an IdP). */
export async function startTestGateway(
  admin_: { email: string; password: string },
  env: Record<string, string> = {},
  port_?: number,
): Promise<TestGateway> {
  for (const [file, how] of [
    [MAIN, 'npx nx run @aigw/gateway:build'],
    [CONSOLE_INDEX, 'npx nx run @aigw/admin-ui:build'],
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run ${how} first (nx test does)`);
  }
  const name = `aigw_console_e2e_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const port = port_ ?? (await freePort());
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NO_COLOR: '1',
    DATABASE_URL: databaseUrl(name),
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: admin_.email,
    ADMIN_PASSWORD: admin_.password,
    GATEWAY_LOG_FLUSH_MS: '100',
    ...env,
  };
  delete childEnv.NODE_OPTIONS;
  const child: ChildProcess = spawn(process.execPath, [MAIN], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-100_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await exited;
      clearTimeout(timer);
    }
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the gateway exited during start-up:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 45_000) {
      await stop();
      throw new Error(`the gateway did not answer /health within 45 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, output: () => output, stop };
}
