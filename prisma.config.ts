/**
 * Prisma CLI configuration (generate, migrate dev/deploy/status). Prisma 6.19.3 with the wasm schema
 * engine (`engine: "js"`) over @prisma/adapter-pg, because Prisma 7's CLI downloads a native engine
 * and cannot run offline. The gateway itself does not read this file.
 *
 * `prisma generate` needs no database; migrate commands read DATABASE_URL.
 */
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { cliAdapter } from './prisma/cli-adapter.js';

// The schema's `url` is mandatory in Prisma 6 even with an adapter, and a missing env var there makes
// the CLI fall back to downloading a native query engine (which fails offline). It is never used
// to connect, so any syntactically valid URL does.
process.env.PRISMA_UNUSED_DATASOURCE_URL ??= 'postgresql://unused@localhost/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: the Prisma CLI needs it for migrate commands.');
    return cliAdapter(url);
  },
});
