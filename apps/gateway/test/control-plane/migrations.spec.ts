/**
 * Migrations from an empty database, with the gateway's own runner, checked against the Prisma
 * CLI's view of the same database; and the refusals that stop start-up.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrate, MigrationError, readMigrations } from '../../src/database/migrator.js';
import { DEFAULT_MIGRATIONS_DIR, REPO_ROOT } from '../../src/database/paths.js';
import { createEmptyDatabase, type TestDatabase } from './support/test-database.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tables(url: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let db: TestDatabase;
  const temporary: string[] = [];
  afterAll(async () => {
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  beforeEach(async () => {
    db = await createEmptyDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('builds the whole schema from an empty database, then has nothing to do', async () => {
    const first = await migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR });
    expect(first.applied.length).toBe((await readMigrations(DEFAULT_MIGRATIONS_DIR)).length);
    expect(await tables(db.url)).toEqual(
      expect.arrayContaining([
        '_prisma_migrations',
        'workspaces',
        'users',
        'memberships',
        'admin_sessions',
        'virtual_keys',
        'configs',
        'config_versions',
        'api_keys',
        'request_logs',
        'audit_logs',
      ]),
    );
    const indexes = await query<{ indexdef: string }>(db.url, "SELECT indexdef FROM pg_indexes WHERE tablename = 'request_logs'");
    expect(indexes.map((i) => i.indexdef).join('\n')).toMatch(/\(workspace_id, created_at DESC, id DESC\)/);
    const second = await migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR });
    expect(second).toEqual({ applied: [], upToDate: first.applied.length });
  });

  it('keeps the bookkeeping Prisma Migrate reads (the CLI agrees the schema is up to date)', async () => {
    await migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/prisma/build/index.js'), 'migrate', 'status', '--config', 'prisma.config.ts'],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: db.url, CHECKPOINT_DISABLE: '1' }, timeout: 60_000 },
    );
    expect(stdout).toContain('Database schema is up to date!');
  }, 60_000);

  it('refuses to run with pending migrations in verify mode (migrations run separately)', async () => {
    await expect(migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR, mode: 'verify' })).rejects.toThrow(
      /not applied: .*npm run db:migrate/,
    );
    await migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR });
    await expect(migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR, mode: 'verify' })).resolves.toMatchObject({ applied: [] });
  });

  it('rolls a failing migration back entirely and says which one failed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aigw-migrations-'));
    temporary.push(dir);
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await mkdir(path.join(dir, '99999999999999_broken'));
    await writeFile(path.join(dir, '99999999999999_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n');
    const error = await migrate(db.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/99999999999999_broken failed and was rolled back: .*no_such_table/);
    expect(await tables(db.url)).not.toContain('half_done');
    // The good migrations before it stay applied; the broken one is not recorded.
    const names = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(names.map((n) => n.migration_name)).not.toContain('99999999999999_broken');
  });

  it('stops on a migration Prisma marked as failed, with the command that resolves it', async () => {
    await migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR });
    await query(db.url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '20990101000000_failed')`);
    await expect(migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR })).rejects.toThrow(/migrate resolve --rolled-back 20990101000000_failed/);
  });

  it('refuses a missing or empty migrations folder', async () => {
    await expect(migrate(db.url, { migrationsDir: path.join(tmpdir(), 'does-not-exist') })).rejects.toThrow(/No migrations folder/);
    const empty = await mkdtemp(path.join(tmpdir(), 'aigw-empty-'));
    temporary.push(empty);
    await expect(migrate(db.url, { migrationsDir: empty })).rejects.toThrow(/No migrations found/);
  });

  it('names the server when it cannot connect, without the password', async () => {
    const url = 'postgresql://someone:hunter2@127.0.0.1:1/nothing';
    const error = (await migrate(url, { migrationsDir: DEFAULT_MIGRATIONS_DIR }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/Cannot connect to Postgres at postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing/);
    expect(error.message).not.toContain('hunter2');
  });
});
