import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REPO_ROOT } from '../database/index.js';

/**
 * Serves the built React admin console (apps/admin-ui/dist) under /admin/, so `npm start` brings
 * up the gateway and its console on one port. Client-side routes fall back to index.html; the
 * admin API under /admin/api is Nest's and is matched first.
 */
export async function serveAdminConsole(app: NestFastifyApplication, root = join(REPO_ROOT, 'apps/admin-ui/dist')): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const { default: fastifyStatic } = await import('@fastify/static');
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root, prefix: '/admin/', decorateReply: false, index: 'index.html', wildcard: false });
  fastify.get('/admin', (_request, reply) => reply.redirect('/admin/'));
  return true;
}
