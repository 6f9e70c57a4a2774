import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The browser test: the real gateway (built dist/main.js) with its real Postgres, the built
 * console, the mock provider, and Debian's Chromium through playwright-core. One file, run
 * serially, bounded in time (about a minute; hard limits below).
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
