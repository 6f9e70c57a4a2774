/** The database's public surface: start-up (embedded Postgres, migrations, master key) and the Prisma client. */
export { prepareDatabase, migrateDatabase, DatabaseStartupError, EMBEDDED_DATABASE_NAME, type PreparedDatabase } from './prepare-database.js';
export { migrate, readMigrations, MigrationError, type MigrateResult } from './migrator.js';
export { parseMasterKey, loadMasterKey, MasterKeyError } from './master-key.js';
export { PrismaService, Prisma, type PrismaServiceOptions } from './prisma.service.js';
export { ensureDatabase, dropDatabase, withDatabase, redactUrl } from './database-url.js';
export { DEFAULT_MIGRATIONS_DIR, DEFAULT_DATA_DIR, REPO_ROOT } from './paths.js';
