/**
 * Security headers on everything under /admin (the console's documents set their own, richer CSP
 * and are left alone): the admin API's JSON can never be framed, sniffed into another type, cached
 * by a shared cache or leak its URL in a Referer; and HSTS once the admin surface is reached over
 * TLS (directly, or behind a proxy that says so), so a browser never falls back to plain HTTP.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const API_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};
const HSTS = 'max-age=31536000; includeSubDomains';

export function installAdminSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    const url = request.url;
    if (url !== '/admin' && !url.startsWith('/admin/')) return done(null, payload);
    if (isSecure(request)) reply.header('strict-transport-security', HSTS);
    const isDocument = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    if (!isDocument) {
      for (const name in API_HEADERS) if (!reply.hasHeader(name)) reply.header(name, API_HEADERS[name]);
      if (url.startsWith('/admin/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    } else if (!reply.hasHeader('x-frame-options')) {
      reply.header('x-frame-options', 'DENY');
    }
    done(null, payload);
  });
}

function isSecure(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() === 'https';
}
