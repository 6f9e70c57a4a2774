import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Runs src/cli.ts in a real child process (through tsx, so no build is needed) to check the
 * startup line, that it serves, and that SIGTERM exits cleanly.
 */
const appDir = process.cwd().endsWith(path.join('apps', 'mock-provider')) ? process.cwd() : path.resolve('apps/mock-provider');
const tsxLoader = createRequire(path.join(appDir, 'package.json')).resolve('tsx');

it('starts on the requested port, serves, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(appDir, 'src/cli.ts'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /mock-provider listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/__mock/health`);
    expect(await res.json()).toEqual({ ok: true });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}, 20000);
