import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real entry point (main.ts) with a bad environment: it stops before starting anything
 * (database, embedded Postgres, listener) and names every bad value in one message.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const GATEWAY_ROOT = path.resolve(HERE, '../..');

it('exits 1 naming every bad setting at once, before starting anything', () => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: 'eighty',
    GATEWAY_INBOUND_ALLOW: '10.0.0.0/8,bogus',
    DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/app',
    GATEWAY_LOG_FLUSH_MS: '-5',
  };
  const run = spawnSync(
    process.execPath,
    ['--import', path.join(GATEWAY_ROOT, 'test/gateway-control-plane/support/ts-register.mjs'), path.join(GATEWAY_ROOT, 'src/main.ts')],
    { cwd: path.resolve(GATEWAY_ROOT, '../..'), env, encoding: 'utf8', timeout: 30_000 },
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Invalid configuration (4 problems):');
  expect(run.stderr).toContain('PORT must be an integer >= 0, got "eighty"');
  expect(run.stderr).toContain('GATEWAY_INBOUND_ALLOW: "bogus" is not an IP address or CIDR range');
  expect(run.stderr).toContain('DATABASE_URL must be a postgres: or postgresql: URL, got a mysql: one');
  expect(run.stderr).toContain('GATEWAY_LOG_FLUSH_MS must be an integer >= 1, got "-5"');
  expect(run.stderr + run.stdout).not.toContain('hunter2');
  expect(run.stdout).not.toMatch(/listening|Postgres/i);
});
