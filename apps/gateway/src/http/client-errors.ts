/**
 * Requests Node's HTTP parser rejects before any route sees them (headers over the size limit,
 * malformed request lines): answered in the gateway's error format instead of Fastify's own,
 * then the connection is closed, as Node does for a parse error.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request headers too large (GATEWAY_HEADER_LIMIT_BYTES)']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time']
        : [400, 'Malformed HTTP request'];
  const body = JSON.stringify({ status: 'failure', message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Requests Fastify's router refuses before any route runs (a malformed URL, a path segment over
 * the router's length limit): the same error format as everything else, instead of Fastify's.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [414, 'A path segment is too long'] : error.code === 'FST_ERR_BAD_URL' ? [400, 'Malformed URL'] : [400, 'Malformed request'];
  void reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ status: 'failure', message }));
}
