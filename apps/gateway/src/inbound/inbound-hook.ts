/**
 * Applies the global inbound rules to every request before its body is read (a Fastify onRequest
 * hook, so a refused client costs no parsing), except the health checks, which load balancers and
 * orchestrators call from their own addresses. A refusal is a 403 in the gateway's error format
 * and a request-log entry.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RequestLogSink } from '../control-plane/control-plane.port.js';
import type { InboundRules } from './inbound-rules.js';

export function installInboundRules(fastify: FastifyInstance, rules: InboundRules, log: RequestLogSink): void {
  if (!rules.active) return;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url === '/health' || request.url.startsWith('/health/')) return done();
    const decision = rules.decide({
      peer: request.raw.socket.remoteAddress,
      forwardedFor: request.headers['x-forwarded-for'],
      country: rules.countryHeader ? request.headers[rules.countryHeader] : undefined,
    });
    if (decision.allowed) return done();
    const message = `Request refused by the gateway's inbound rules: ${decision.reason}`;
    const traceId = headerValue(request.headers['x-portkey-trace-id']) ?? randomUUID();
    log.enqueue({
      createdAt: new Date(),
      traceId,
      method: request.method,
      path: request.url.split('?')[0],
      status: 403,
      latencyMs: 0,
      retryCount: 0,
      stream: false,
      errorMessage: message,
    });
    reply.code(403).header('content-type', 'application/json').header('x-portkey-trace-id', traceId).send(JSON.stringify({ status: 'failure', message }));
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
