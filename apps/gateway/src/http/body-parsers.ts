import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/gateway-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's bytes as received: passthrough and native routes forward them unchanged. */
    rawBody?: Buffer;
  }
}

/**
 * How request bodies are read. JSON is parsed once and its bytes kept (no copy) so passthrough
 * stays byte-exact. Uploads (multipart, audio, octet streams) are NOT read: the stream is handed
 * to the upstream as it arrives, so a large file never sits in memory. Anything else is refused
 * with the reference gateway's message.
 */
export function installBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    request.rawBody = body;
    if (body.length === 0) return done(badRequest('Invalid JSON body: the body is empty'), undefined);
    // Invalid bytes would be replaced silently by the decoder while the raw bytes go upstream as sent.
    if (!isUtf8(body)) return done(badRequest('Invalid JSON body: the body is not valid UTF-8'), undefined);
    try {
      done(null, JSON.parse(body.toString('utf8')));
    } catch (error) {
      done(badRequest(`Invalid JSON body: ${(error as Error).message}`), undefined);
    }
  });
  const leaveUnread = (_request: FastifyRequest, _payload: unknown, done: (err: Error | null, body?: unknown) => void) => done(null, undefined);
  fastify.addContentTypeParser(['multipart/form-data', 'application/octet-stream'], leaveUnread);
  fastify.addContentTypeParser(/^audio\//, leaveUnread);
  fastify.addContentTypeParser('*', (_request: FastifyRequest, _payload: unknown, done: (err: Error | null, body?: unknown) => void) =>
    done(badRequest('Invalid content type passed'), undefined),
  );
}
