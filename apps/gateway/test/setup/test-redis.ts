/**
 * The Redis the gateway's Redis-backed tests use: REDIS_URL when set; else the default server
 * (127.0.0.1:6379) when it answers; else a `redis-server` started here on a spare loopback port
 * when the binary is installed; else none, and those tests skip (AIGW_TEST_REDIS_SKIP says why).
 * AIGW_TEST_DEFAULT_REDIS_URL and AIGW_TEST_REDIS_SERVER (the binary) are for tests of this set-up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '../../src/database/embedded-postgres.js';
import { answers, endpoint } from './tcp-probe.js';
import type { TestService } from './test-postgres.js';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';
export const REDIS_SKIP_VARIABLE = 'AIGW_TEST_REDIS_SKIP';

export async function testRedis(env: NodeJS.ProcessEnv): Promise<TestService> {
  const nothing = async (): Promise<void> => undefined;
  if (env.REDIS_URL) return { env: {}, summary: 'Redis from REDIS_URL', started: false, stop: nothing };
  const fallback = env.AIGW_TEST_DEFAULT_REDIS_URL || DEFAULT_TEST_REDIS_URL;
  const { host, port } = endpoint(fallback, 6379);
  if (await answers(host, port)) return { env: { REDIS_URL: fallback }, summary: `Redis at ${host}:${port}`, started: false, stop: nothing };

  const binary = await findExecutable(env.AIGW_TEST_REDIS_SERVER || 'redis-server', env.PATH);
  if (!binary) {
    const reason = `REDIS_URL is unset, nothing answers on ${host}:${port} and redis-server is not installed`;
    return { env: { [REDIS_SKIP_VARIABLE]: reason }, summary: `skipped Redis (${reason}): the Redis-backed tests are skipped`, started: false, stop: nothing };
  }
  const spare = await freePort();
  const child = spawn(binary, ['--bind', '127.0.0.1', '--port', String(spare), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  if (!(await ready(child, spare, 10_000))) {
    await stop();
    throw new Error(`${binary} did not answer on 127.0.0.1:${spare} within 10 s`);
  }
  return { env: { REDIS_URL: `redis://127.0.0.1:${spare}` }, summary: `started redis-server on 127.0.0.1:${spare}`, started: true, stop };
}

async function ready(child: ChildProcess, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await answers('127.0.0.1', port, 500)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function findExecutable(name: string, searchPath = ''): Promise<string | undefined> {
  const candidates = name.includes('/') ? [name] : searchPath.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}
