import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Plug-ins are validated at start-up: the real entry point with a plug-in that cannot load stops
 * (exit code, the plug-in and the reason named) instead of failing the first guarded request.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const GATEWAY_ROOT = path.resolve(HERE, '../..');

it('refuses to start with a guardrail plug-in that does not load', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', path.join(GATEWAY_ROOT, 'test/gateway-control-plane/support/ts-register.mjs'), path.join(GATEWAY_ROOT, 'src/main.ts')],
    { cwd: path.resolve(GATEWAY_ROOT, '../..'), env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', GATEWAY_DATABASE: 'off', GATEWAY_GUARDRAIL_PLUGINS: '/nonexistent/guardrail-plugin' }, encoding: 'utf8', timeout: 30_000 },
  );
  expect(run.status).not.toBe(0);
  expect(run.stderr + run.stdout).toContain('Guardrail plug-in /nonexistent/guardrail-plugin: folder not found');
  expect(run.stdout).not.toMatch(/listening on/i);
});
