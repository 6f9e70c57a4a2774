/**
 * The zero-setup path: no DATABASE_URL, so start-up runs the embedded Postgres in the data
 * folder, creates the database, applies the migrations and generates the master key; a second
 * start reuses all of it. (As root, the server runs as the `postgres` user.)
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { controlPlaneOptionsFromEnv } from '../../src/control-plane/control-plane.options.js';
import { ControlPlaneLookup } from '../../src/control-plane/control-plane.port.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { seedWorkspace, startControlPlane } from './support/control-plane-harness.js';

const quiet = { log: () => undefined, warn: () => undefined };

describe('embedded Postgres (no DATABASE_URL)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-embedded-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, migrates and generates the master key; a restart reuses them', async () => {
    const env = { GATEWAY_DATA_DIR: dataDir };
    const sigterm = process.listenerCount('SIGTERM');
    const first = await prepareDatabase(env, { logger: quiet });
    try {
      expect(first.embedded).toBe(true);
      expect(first.databaseUrl).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/aigw$/);
      expect(first.migrations.applied.length).toBeGreaterThan(0);
      expect(first.masterKey).toHaveLength(32);
      expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
      // No SIGTERM handler of its own: one that exits would cut the gateway's log flush short.
      expect(process.listenerCount('SIGTERM')).toBe(sigterm);
      const client = new pg.Client({ connectionString: first.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL');
        expect(rows[0]!.n).toBe(first.migrations.applied.length);
        expect((await client.query('SELECT version()')).rows[0].version).toMatch(/PostgreSQL 1[0-9]/);
      } finally {
        await client.end();
      }
    } finally {
      await first.stop();
    }

    const second = await prepareDatabase(env, { logger: quiet });
    try {
      expect(second.migrations.applied).toEqual([]);
      expect(second.masterKey.equals(first.masterKey)).toBe(true);
      // The gateway's way: the control plane runs on it, and its shutdown stops the server last.
      const cp = await startControlPlane({ ...controlPlaneOptionsFromEnv(second, {}), adminApi: false });
      const ws = await seedWorkspace(cp);
      await expect(cp.get(ControlPlaneLookup).authenticate(ws.apiKey)).resolves.toMatchObject({ ok: true });
      await cp.close();
      const client = new pg.Client({ connectionString: second.databaseUrl });
      await expect(client.connect()).rejects.toThrow();
    } finally {
      await second.stop();
    }
  }, 120_000);
});
