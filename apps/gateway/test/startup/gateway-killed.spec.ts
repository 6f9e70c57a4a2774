/**
 * A gateway killed outright (SIGKILL: the OOM killer, `kill -9`) runs no shutdown code, and
 * Postgres never notices its parent is gone. Its watchdog does: the embedded Postgres stops by
 * itself, and the next start-up finds the cluster free instead of locked.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDatabase } from '../../src/database/prepare-database.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REGISTER = path.join(HERE, '../gateway-control-plane/support/ts-register.mjs');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Postgres when its gateway is killed with SIGKILL', () => {
  let dataDir: string;
  let postmaster = 0;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-killed-'));
  });
  afterAll(async () => {
    if (postmaster && alive(postmaster)) process.kill(postmaster, 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops by itself, and a restart right away starts on the same cluster', async () => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const holder = spawn(process.execPath, ['--import', REGISTER, path.join(HERE, 'fixtures/hold-embedded-postgres.ts'), dataDir], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    holder.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!/postmaster (\d+)/.test(output) && holder.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    postmaster = Number(/postmaster (\d+)/.exec(output)?.[1]);
    expect(postmaster).toBeGreaterThan(0);
    expect(alive(postmaster)).toBe(true);

    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const killed = Date.now();
    while (alive(postmaster) && Date.now() - killed < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(alive(postmaster)).toBe(false);

    const again = await prepareDatabase({ GATEWAY_DATA_DIR: dataDir }, { logger: { log: () => undefined, warn: () => undefined } });
    await again.stop();
  }, 60_000);
});
