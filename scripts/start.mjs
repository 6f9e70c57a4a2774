#!/usr/bin/env node
// `npm start`: build what is out of date (Nx caches, so a second start is quick), then run the
// gateway in the foreground. Signals are passed on so Ctrl-C shuts it down cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('Build failed; the gateway was not started.');
  process.exit(build.status ?? 1);
}

const gateway = spawn(process.execPath, [join(root, 'apps/gateway/dist/main.js')], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => gateway.kill(signal));
gateway.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
