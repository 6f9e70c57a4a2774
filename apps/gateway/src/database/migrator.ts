/**
 * Applies the Prisma migrations in `prisma/migrations` without the Prisma CLI, so a built gateway
 * needs no dev dependency to start. It keeps Prisma's bookkeeping exactly (`_prisma_migrations`,
 * same checksums, same advisory lock), so `prisma migrate status/deploy/dev` agree with it.
 *
 * One difference on purpose: each migration runs in a transaction (Postgres DDL is
 * transactional), so a failing migration leaves nothing half-applied. A migration that cannot run
 * in a transaction (e.g. CREATE INDEX CONCURRENTLY) opts out with a first line
 * `-- aigw:no-transaction`; it is then recorded the way Prisma does, and a failure marks it failed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { redactUrl } from './database-url.js';

/** Prisma Migrate's advisory lock key: the CLI and this runner never migrate concurrently. */
const PRISMA_MIGRATE_LOCK = 72707369;
const NO_TRANSACTION_MARKER = '-- aigw:no-transaction';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
  transactional: boolean;
}

export interface MigrationLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface MigrateOptions {
  migrationsDir: string;
  /** `apply` runs pending migrations; `verify` only refuses when some are pending. */
  mode?: 'apply' | 'verify';
  logger?: MigrationLogger;
}

export interface MigrateResult {
  applied: string[];
  upToDate: number;
}

/** Start-up must stop on this: the schema is not the one the code expects. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const silent: MigrationLogger = { log: () => undefined, warn: () => undefined };

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    throw new MigrationError(`No migrations folder at ${dir} (${(error as Error).message}).`, { cause: error });
  }
  const migrations: MigrationFile[] = [];
  for (const name of entries.sort()) {
    let sql: string;
    try {
      sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    } catch {
      continue; // Prisma ignores folders without a migration.sql too.
    }
    migrations.push({
      name,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
      transactional: !sql.trimStart().startsWith(NO_TRANSACTION_MARKER),
    });
  }
  if (migrations.length === 0) throw new MigrationError(`No migrations found in ${dir}: the installation is incomplete.`);
  return migrations;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(databaseUrl: string, options: MigrateOptions): Promise<MigrateResult> {
  const { migrationsDir, mode = 'apply', logger = silent } = options;
  const migrations = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`Cannot connect to Postgres at ${redactUrl(databaseUrl)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    if (mode === 'apply') await createBookkeepingTable(client);
    const rows = await appliedRows(client);
    const pending = planPending(migrations, rows, logger);
    if (mode === 'verify') {
      if (pending.length > 0) {
        throw new MigrationError(
          `${pending.length} database migration(s) not applied: ${pending.map((m) => m.name).join(', ')}. ` +
            'Run `npm run db:migrate` first (or let start-up apply them by unsetting GATEWAY_MIGRATE_ON_START).',
        );
      }
      return { applied: [], upToDate: migrations.length };
    }
    for (const migration of pending) {
      await (migration.transactional ? applyInTransaction(client, migration) : applyOutsideTransaction(client, migration));
      logger.log(`Applied migration ${migration.name}`);
    }
    return { applied: pending.map((m) => m.name), upToDate: migrations.length - pending.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function createBookkeepingTable(client: pg.Client): Promise<void> {
  // Prisma's own definition, so the CLI reads and writes the same table.
  await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
}

async function appliedRows(client: pg.Client): Promise<AppliedRow[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return [];
  const result = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  return result.rows;
}

function planPending(migrations: MigrationFile[], rows: AppliedRow[], logger: MigrationLogger): MigrationFile[] {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and is marked as failed in _prisma_migrations. ` +
        `Repair the database, then run \`npx prisma migrate resolve --rolled-back ${failed.migration_name} ` +
        '--config prisma.config.ts` (or `--applied`), and start again.',
    );
  }
  const applied = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]));
  const known = new Set(migrations.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) logger.warn(`The database has migration ${name}, which this version does not know (newer code ran here?).`);
  }
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      logger.warn(`Migration ${migration.name} was edited after it was applied (checksum differs).`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function describe(error: unknown): string {
  const e = error as { message?: string; detail?: string; position?: string };
  return [e.message, e.detail, e.position ? `at character ${e.position}` : undefined].filter(Boolean).join('; ');
}

async function applyInTransaction(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${describe(error)}`, { cause: error });
  }
}

async function applyOutsideTransaction(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
    [id, migration.checksum, migration.name],
  );
  try {
    // One statement per query: a multi-statement query would run as one implicit transaction.
    for (const statement of migration.sql.split(/;\s*(?:\n|$)/)) {
      if (statement.replace(/--.*$/gm, '').trim()) await client.query(statement);
    }
  } catch (error) {
    await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, describe(error)]);
    throw new MigrationError(
      `Migration ${migration.name} failed (it runs outside a transaction, so it may be partly applied): ${describe(error)}`,
      { cause: error },
    );
  }
  await client.query(
    'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
    [id],
  );
}
