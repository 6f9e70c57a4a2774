import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REPO_ROOT } from '../database/index.js';

/**
 * Serves the built React admin console (apps/admin-ui/dist) under /admin/, so `npm start` brings
 * up the gateway and its console on one port. Files are served as built; every other GET under
 * /admin/ is a client-side route (a deep link like /admin/w/<id>/logs?status=5xx) and gets
 * index.html, so links and reloads land on the right page. The admin API under /admin/api is
 * Nest's (more specific routes win in Fastify); unknown API paths and missing files stay 404.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';

// Vite's assets are content-hashed and may be cached forever; index.html must be revalidated so a
// new build is picked up. Styles may be inline (Mantine, CodeMirror); scripts only from here.
const DOCUMENT_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export function isClientRoute(path: string): boolean {
  return !path.startsWith('/admin/api/') && path !== '/admin/api' && !/\/[^/]*\.[A-Za-z0-9]+$/.test(path);
}

export async function serveAdminConsole(app: NestFastifyApplication, root = join(REPO_ROOT, 'apps/admin-ui/dist')): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const indexHtml = await readFile(join(root, 'index.html'));
  const { default: fastifyStatic } = await import('@fastify/static');
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/admin/',
    decorateReply: false,
    index: false,
    wildcard: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });
  fastify.get('/admin', (_request, reply) => reply.redirect('/admin/'));
  const sendIndex = (reply: { headers(h: Record<string, string>): { type(t: string): { send(b: Buffer): unknown } } }) =>
    reply.headers(DOCUMENT_HEADERS).type('text/html; charset=utf-8').send(indexHtml);
  fastify.get('/admin/', (_request, reply) => sendIndex(reply));
  fastify.get('/admin/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!isClientRoute(path)) return reply.code(404).send({ status: 'failure', message: `${path} not found` });
    return sendIndex(reply);
  });
  return true;
}
