#!/usr/bin/env node
/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or (without it) to the
 * embedded Postgres in the data folder (GATEWAY_DATA_DIR, default .data), which it starts and
 * stops. With ADMIN_EMAIL and ADMIN_PASSWORD set it also creates the first workspace and owner.
 * Runs the gateway's own start-up code: from source through tsx, or from the build without dev tools.
 * Exits non-zero with the reason when anything fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const gateway = path.join(root, 'apps', 'gateway');
async function load(relative) {
  // Source first (always current); the build only where dev tools are absent (a production image).
  const source = path.join(gateway, 'src', `${relative}.ts`);
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (tsx && existsSync(source)) {
    return tsx.tsImport(pathToFileURL(source).href, { parentURL: import.meta.url, tsconfig: path.join(gateway, 'tsconfig.json') });
  }
  return import(pathToFileURL(path.join(gateway, 'dist', `${relative}.js`)).href);
}

function ensurePrismaClient() {
  if (existsSync(path.join(gateway, 'src', 'generated', 'prisma', 'client.ts'))) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--config', 'prisma.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
}

async function main() {
  const { migrateDatabase } = await load('database/prepare-database');
  const db = await migrateDatabase(process.env);
  try {
    const { applied, upToDate } = db.migrations;
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : `Database is up to date (${upToDate} migrations).`);
    if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
      ensurePrismaClient();
      const { bootstrapFirstAdmin } = await load('control-plane/bootstrap/bootstrap-cli');
      const result = await bootstrapFirstAdmin(db.databaseUrl, {
        email: process.env.ADMIN_EMAIL,
        password: process.env.ADMIN_PASSWORD,
        workspaceName: process.env.ADMIN_WORKSPACE_NAME || undefined,
      });
      console.log(result.created ? `Created the first admin ${process.env.ADMIN_EMAIL}.` : `Admin ${process.env.ADMIN_EMAIL} already exists; nothing changed.`);
    }
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
