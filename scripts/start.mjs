#!/usr/bin/env node
// `npm start`: build what is out of date (Nx caches, so a second start is quick), then run the
// gateway in the foreground. Signals are passed on so Ctrl-C shuts it down cleanly, and this
// process exits only once the gateway (and its embedded Postgres) has, so a restart right after a
// stop finds everything released. package.json runs it with `exec`: otherwise npm's SIGTERM stops
// only the `sh -c` in between and the gateway keeps running, orphaned.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRuntimeFlags } from '../bench/lib/runtime-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('Build failed; the gateway was not started.');
  process.exit(build.status ?? 1);
}

// Node flags and environment measured for memory (apps/gateway/runtime-flags.json); a value the
// user set in the environment wins over the file's.
const flags = readRuntimeFlags(join(root, 'apps/gateway/runtime-flags.json'));
const gateway = spawn(process.execPath, [...flags.nodeArgs, join(root, 'apps/gateway/dist/main.js')], { cwd: root, stdio: 'inherit', env: { ...flags.env, ...env } });
// Passed on once: a second signal during Nest's shutdown would kill the gateway before it has
// flushed its logs and stopped its Postgres.
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  gateway.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
// Whatever started us died without passing a signal on (npm killed, a shell in between): stop the
// gateway gracefully rather than leave it holding the port and the data folder.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 500).unref();
gateway.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
