/**
 * As root, the embedded Postgres runs as the `postgres` user. With the data folder inside a 0700
 * folder (a clone in /root or in `mktemp -d`), start-up moves the cluster under the runtime root
 * and mirrors the binaries there, keeps the secrets in the data folder (root only), and never
 * chmods the user's folder. Root only: elsewhere Postgres runs as the current user.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { runtimeDirFor } from '../../src/database/postgres-placement.js';

const quiet = { log: () => undefined, warn: () => undefined };
const asRoot = process.getuid?.() === 0;
if (!asRoot) console.log('embedded-postgres-as-root.spec: skipped, it needs root (CI runs as root).');

(asRoot ? describe : describe.skip)('embedded Postgres as root, project in a 0700 folder', () => {
  let closed: string;
  let runtimeRoot: string;

  beforeAll(async () => {
    closed = await mkdtemp(path.join(tmpdir(), 'aigw-closed-')); // mkdtemp makes it 0700
    runtimeRoot = await mkdtemp(path.join(tmpdir(), 'aigw-runtime-'));
    await chmod(runtimeRoot, 0o755);
  });

  afterAll(async () => {
    await rm(closed, { recursive: true, force: true });
    await rm(runtimeRoot, { recursive: true, force: true });
  });

  it('runs the cluster under the runtime root, keeps the secrets in the data folder, and restarts', async () => {
    const dataDir = path.join(closed, 'project', '.data');
    await mkdir(path.dirname(dataDir), { mode: 0o700 });
    const env = { GATEWAY_DATA_DIR: dataDir, GATEWAY_POSTGRES_RUNTIME_DIR: runtimeRoot };
    const first = await prepareDatabase(env, { logger: quiet });
    const cluster = path.join(runtimeDirFor(dataDir, runtimeRoot), 'postgres');
    try {
      const client = new pg.Client({ connectionString: first.databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
      await client.end();
      expect(rows[0]!.data_directory).toBe(cluster);
    } finally {
      await first.stop();
    }
    // The user's folder is left as it was; the data folder holds the secrets, for root only.
    expect((await stat(closed)).mode & 0o777).toBe(0o700);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, 'postgres-credentials.json'))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(runtimeDirFor(dataDir, runtimeRoot), 'data-dir'), 'utf8')).toBe(`${dataDir}\n`);
    // The cluster belongs to the postgres user, 0700; the folders above it are root's, 0755.
    const clusterInfo = await stat(cluster);
    expect(clusterInfo.uid).not.toBe(0);
    expect(clusterInfo.mode & 0o777).toBe(0o700);
    expect((await stat(path.dirname(cluster))).uid).toBe(0);
    expect((await stat(path.dirname(cluster))).mode & 0o777).toBe(0o755);

    const second = await prepareDatabase(env, { logger: quiet });
    try {
      expect(second.migrations.applied).toEqual([]);
      expect(second.masterKey.equals(first.masterKey)).toBe(true);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('refuses a runtime root another user could write to, with the way out', async () => {
    const dataDir = path.join(closed, 'other', '.data');
    await mkdir(path.dirname(dataDir), { mode: 0o700 });
    const unsafe = path.join(runtimeRoot, 'unsafe');
    await mkdir(unsafe);
    await chmod(unsafe, 0o777);
    const env = { GATEWAY_DATA_DIR: dataDir, GATEWAY_POSTGRES_RUNTIME_DIR: unsafe };
    await expect(prepareDatabase(env, { logger: quiet })).rejects.toThrow(
      /cannot reach the cluster of .*must be owned by root and writable by root only.*set DATABASE_URL/s,
    );
  });
});
