import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Served by the gateway under /admin/ in production; `npm run dev -w @aigw/admin-ui` for development
// (the admin API is proxied to a gateway on :8787, or GATEWAY_URL).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: {
    // The server's own schemas, from source: the console validates with exactly what the API validates.
    alias: {
      '@gateway': here('../gateway/src'),
      '@aigw/config-schema': here('../../libs/config-schema/src/index.ts'),
    },
  },
  server: {
    proxy: { '/admin/api': process.env.GATEWAY_URL ?? 'http://127.0.0.1:8787' },
    fs: { allow: [here('../..')] },
  },
  build: { chunkSizeWarningLimit: 1200 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    css: false,
  },
});
