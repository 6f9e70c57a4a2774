/**
 * The container newcomer's path: `git clone` into a 0700 folder as root, `npm start`, /health.
 * The embedded Postgres runs as the `postgres` user, who cannot enter that folder: start-up must
 * put its cluster and binaries under /var/lib/ai-gateway instead. Then a stop (SIGTERM, as
 * `docker stop` or a supervisor sends it) and an immediate restart must work again.
 * Root only (CI runs as root). Ports on 127.0.0.1 only.
 */
import { readFile, readlink, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../src/database/paths.js';
import { DEFAULT_RUNTIME_ROOT, runtimeDirFor } from '../../src/database/postgres-placement.js';
import { freePort } from '../gateway-control-plane/support/gateway-process.js';
import { freshClone, type FreshClone } from './support/fresh-clone.js';
import { freshShellEnv, npmStart, waitForHealth, within, type NpmStart } from './support/npm-start.js';

const asRoot = process.getuid?.() === 0;
if (!asRoot) console.log('npm-start-as-root.e2e-spec: skipped, it needs root (CI runs as root).');

async function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

(asRoot ? describe : describe.skip)('npm start as root from a fresh clone in a 0700 folder', () => {
  let clone: FreshClone;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const runs: NpmStart[] = [];
  let firstAnswered = false;

  beforeAll(async () => {
    clone = await freshClone(REPO_ROOT);
    port = await freePort();
    env = freshShellEnv({ PORT: String(port), HOST: '127.0.0.1' });
  });

  afterAll(async () => {
    for (const run of runs) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGTERM');
        await within(run.exited, 20_000, 'npm start did not stop').catch(() => undefined);
      }
      run.killGroup();
    }
    if (clone) {
      await rm(clone.parent, { recursive: true, force: true });
      await rm(runtimeDirFor(path.join(clone.root, '.data')), { recursive: true, force: true });
    }
  });

  it('builds, starts and answers /health, with the cluster and binaries where the postgres user can reach them', async () => {
    expect((await stat(clone.parent)).mode & 0o777).toBe(0o700);
    const started = Date.now();
    const run = npmStart(clone.root, env);
    runs.push(run);
    await expect(waitForHealth(`http://127.0.0.1:${port}/health`, run, 240_000)).resolves.toMatchObject({ status: 'ok' });
    firstAnswered = true;
    console.log(`npm start from a fresh clone (build included): /health after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const cluster = path.join(runtimeDirFor(path.join(clone.root, '.data')), 'postgres');
    const pid = Number((await readFile(path.join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(await readlink(`/proc/${pid}/exe`)).toMatch(new RegExp(`^${DEFAULT_RUNTIME_ROOT}/postgres-[^/]+/bin/postgres$`));
    // The user's folder was not opened up; the secrets stayed in the clone's .data, root only.
    expect((await stat(clone.parent)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(clone.root, '.data', 'master.key'))).mode & 0o777).toBe(0o600);
  }, 300_000);

  it('stops on SIGTERM and starts again at once', async () => {
    if (!firstAnswered) throw new Error('the first start failed (see the test above): nothing to stop and restart');
    const first = runs[0]!;
    first.child.kill('SIGTERM'); // to npm only, as a supervisor sends it
    const stopped = Date.now();
    await within(first.exited, 30_000, `npm start ignored SIGTERM:\n${first.output().slice(-2000)}`);
    console.log(`npm start stopped ${((Date.now() - stopped) / 1000).toFixed(1)} s after SIGTERM`);
    // npm returns only once the gateway is gone: nothing is left holding the port.
    expect(await portIsClosed(port)).toBe(true);

    const restarted = Date.now();
    const second = npmStart(clone.root, env);
    runs.push(second);
    await expect(waitForHealth(`http://127.0.0.1:${port}/health`, second, 120_000)).resolves.toMatchObject({ status: 'ok' });
    console.log(`restart: /health after ${((Date.now() - restarted) / 1000).toFixed(1)} s`);
  }, 180_000);
});
