/**
 * The test set-up on a machine without services: DATABASE_URL unset, the default Postgres pointed
 * at a closed port, no Redis anywhere. It must start one embedded Postgres for the run, hand its
 * URL to the tests, say so in one line with the Redis skip, and stop it at the end.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { REPO_ROOT } from '../../src/database/paths.js';
import { startTestServices } from './test-services.js';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const GATEWAY_ROOT = path.resolve(HERE, '../..');

/** A loopback port with nothing listening (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function withoutServices(): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.AIGW_TEST_REDIS_SKIP;
  env.AIGW_TEST_DEFAULT_DATABASE_URL = `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`;
  env.AIGW_TEST_DEFAULT_REDIS_URL = `redis://127.0.0.1:${await closedPort()}`;
  env.AIGW_TEST_REDIS_SERVER = path.join(HERE, 'no-such-redis-server');
  return env;
}

describe('test set-up without services', () => {
  it('starts an embedded Postgres, reports the Redis skip, and stops the Postgres at the end', async () => {
    const services = await startTestServices(await withoutServices());
    let url: string | undefined;
    try {
      url = services.env.DATABASE_URL;
      expect(url).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      // The embedded server (Postgres 18), not a machine's Postgres.
      expect((await client.query('SHOW server_version')).rows[0].server_version).toMatch(/^18\./);
      await client.end();
      expect(services.env.REDIS_URL).toBeUndefined();
      expect(services.env.AIGW_TEST_REDIS_SKIP).toMatch(/REDIS_URL is unset, nothing answers on 127\.0\.0\.1:\d+ and redis-server is not installed/);
      expect(services.line).toMatch(/^Test services: started an embedded Postgres at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres .*; skipped Redis \(.*\): the Redis-backed tests are skipped\.$/);
    } finally {
      await services.stop();
    }
    const after = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    await expect(after.connect()).rejects.toThrow();
  }, 60_000);

  it('starts a redis-server on a spare port when one is installed and nothing answers', async () => {
    const env = await withoutServices();
    delete env.AIGW_TEST_REDIS_SERVER;
    env.DATABASE_URL = 'postgresql://unused@127.0.0.1:1/unused'; // only Redis is under test here
    const installed = await run('sh', ['-c', 'command -v redis-server']).then(() => true, () => false);
    if (!installed) return console.log('test-services.spec: redis-server is not installed, its start is not tested here');
    const services = await startTestServices(env);
    try {
      const url = services.env.REDIS_URL!;
      expect(services.line).toContain(`started redis-server on ${url.replace('redis://', '')}`);
      const { port } = new URL(url);
      const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', port, 'PING']);
      expect(stdout.trim()).toBe('PONG');
    } finally {
      await services.stop();
    }
  }, 30_000);

  it('through Jest itself: the workers get the embedded Postgres and the Redis skip, and the run says so', async () => {
    const env = await withoutServices();
    env.NODE_OPTIONS = '--experimental-vm-modules';
    const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const { stdout, stderr } = await run(
      process.execPath,
      [jest, '--config', path.join(GATEWAY_ROOT, 'jest.config.cjs'), '--rootDir', GATEWAY_ROOT, '--testMatch', '**/test/setup/fixtures/*.fixture.ts', '--colors=false'],
      { cwd: GATEWAY_ROOT, env, timeout: 90_000 },
    );
    // Under CI, Nx forces colours on: strip them before reading Jest's summary.
    const output = `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    const lines = output.split('\n').filter((line) => line.startsWith('Test services:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/started an embedded Postgres .*skipped Redis/);
    expect(output).toMatch(/probe: PostgreSQL 18/);
    expect(output).toMatch(/Tests:\s+1 passed, 1 total/);
  }, 120_000);
});
