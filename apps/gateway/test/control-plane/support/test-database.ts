/**
 * A private, migrated Postgres database per test file: created from DATABASE_URL (or the local
 * default), named `aigw_test_<random>`, dropped afterwards, so test files never see each other.
 */
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '../../../src/database/database-url.js';
import { migrate } from '../../../src/database/migrator.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../../src/database/paths.js';

export const SERVER_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** An empty database (no migrations applied). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = `aigw_test_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(SERVER_URL, name);
  await ensureDatabase(url);
  return { url, name, drop: () => dropDatabase(url) };
}

/** A database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const db = await createEmptyDatabase();
  await migrate(db.url, { migrationsDir: DEFAULT_MIGRATIONS_DIR });
  return db;
}
