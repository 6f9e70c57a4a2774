/**
 * Start-up of the database, before Nest: pick the Postgres (DATABASE_URL, or the embedded one in
 * the data folder), load the master key, and bring the schema up to date. Any failure throws a
 * message meant for the operator, and the gateway must not start (no serving on half a schema).
 *
 * Env: DATABASE_URL, GATEWAY_DATA_DIR (default <repo>/.data), GATEWAY_MASTER_KEY,
 * GATEWAY_POSTGRES_RUNTIME_DIR (as root, where the embedded cluster goes when the postgres user
 * cannot enter the data folder; default /var/lib/ai-gateway), GATEWAY_MIGRATE_ON_START (`false`: only check that migrations were applied by `npm run db:migrate`).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { ensureDatabase, withDatabase } from './database-url.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { loadMasterKey } from './master-key.js';
import { migrate, type MigrateOptions, type MigrateResult, type MigrationLogger } from './migrator.js';
import { isDatabaseUnreachable } from './unreachable.js';
import { DEFAULT_DATA_DIR, DEFAULT_MIGRATIONS_DIR } from './paths.js';

export const EMBEDDED_DATABASE_NAME = 'aigw';

export interface PreparedDatabase {
  databaseUrl: string;
  /** 32-byte key for credentials at rest; pass it to ControlPlaneModule.forRoot. */
  masterKey: Buffer;
  /** True when this process started the embedded Postgres (and `stop()` stops it). */
  embedded: boolean;
  dataDir?: string;
  migrations: MigrateResult;
  /**
   * Set when DATABASE_URL's Postgres was unreachable at start-up: the migrations still to run,
   * which the control plane applies once it can connect (the gateway serves meanwhile).
   */
  deferredMigrations?: MigrateOptions;
  /** Stops the embedded Postgres; a no-op for DATABASE_URL. Call after the app has closed. */
  stop(): Promise<void>;
}

export interface PrepareDatabaseOptions {
  logger?: MigrationLogger;
  migrationsDir?: string;
}

export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError';
}

export async function prepareDatabase(
  env: NodeJS.ProcessEnv = process.env,
  options: PrepareDatabaseOptions = {},
): Promise<PreparedDatabase> {
  return open(env, options, true) as Promise<PreparedDatabase>;
}

/** The same start-up without the master key: for `npm run db:migrate`, which never decrypts anything. */
export async function migrateDatabase(
  env: NodeJS.ProcessEnv = process.env,
  options: PrepareDatabaseOptions = {},
): Promise<Omit<PreparedDatabase, 'masterKey'>> {
  return open({ ...env, GATEWAY_MIGRATE_ON_START: 'true' }, options, false);
}

async function open(
  env: NodeJS.ProcessEnv,
  options: PrepareDatabaseOptions,
  withMasterKey: boolean,
): Promise<Omit<PreparedDatabase, 'masterKey'> & { masterKey?: Buffer }> {
  const nestLogger = new Logger('Database');
  const logger: MigrationLogger = options.logger ?? { log: (m) => nestLogger.log(m), warn: (m) => nestLogger.warn(m) };
  const migrationsDir = options.migrationsDir ?? env.GATEWAY_MIGRATIONS_DIR ?? DEFAULT_MIGRATIONS_DIR;
  const mode = env.GATEWAY_MIGRATE_ON_START === 'false' ? 'verify' : 'apply';

  let databaseUrl: string;
  let masterKey: Buffer | undefined;
  let dataDir: string | undefined;
  let stop = async (): Promise<void> => undefined;
  try {
    if (env.DATABASE_URL) {
      if (withMasterKey) masterKey = await loadMasterKey({ env, warn: logger.warn });
      databaseUrl = env.DATABASE_URL;
    } else {
      dataDir = path.resolve(env.GATEWAY_DATA_DIR || DEFAULT_DATA_DIR);
      // 0700: it holds the master key and the embedded Postgres' password.
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      if (withMasterKey) masterKey = await loadMasterKey({ env, dataDir, warn: logger.warn });
      logger.log(`DATABASE_URL is not set: using the embedded Postgres in ${dataDir}`);
      const server = await startEmbeddedPostgres(dataDir, logger.log, { runtimeRoot: env.GATEWAY_POSTGRES_RUNTIME_DIR });
      stop = server.stop;
      databaseUrl = withDatabase(server.serverUrl, EMBEDDED_DATABASE_NAME);
      await ensureDatabase(databaseUrl);
    }
    let migrations: MigrateResult;
    try {
      migrations = await migrate(databaseUrl, { migrationsDir, mode, logger });
    } catch (error) {
      // An external Postgres that is down (not misconfigured) is waited out by the control plane,
      // so the data plane serves meanwhile; the embedded one is ours to start and must work.
      if (!env.DATABASE_URL || !withMasterKey || !isDatabaseUnreachable(error)) throw error;
      logger.warn(`Postgres is unreachable (${(error as Error).message}): starting without the control plane; it connects and migrates when Postgres answers.`);
      return { databaseUrl, masterKey, embedded: false, migrations: { applied: [], upToDate: 0 }, deferredMigrations: { migrationsDir, mode, logger }, stop };
    }
    if (migrations.applied.length > 0) logger.log(`Database schema updated (${migrations.applied.length} migration(s)).`);
    return { databaseUrl, masterKey, embedded: !env.DATABASE_URL, dataDir, migrations, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartupError(`The database is not ready, so the gateway will not start: ${message}`, {
      cause: error,
    });
  }
}
