import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway under /admin/ in production; `npm run dev -w @aigw/admin-ui` for development.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  test: { environment: 'jsdom' },
});
