import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from './gateway-error.js';

/**
 * Every error that escapes a route, including those Fastify raises before a route runs
 * (unparsable JSON, a body over the limit, an unsupported content type, an unknown route), is
 * answered in the reference gateway's shapes instead of the framework's own.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body } = this.describe(error);
    if (status >= 500) this.logger.error(`${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
    const traceId = request.headers['x-portkey-trace-id'];
    if (typeof traceId === 'string') void reply.header('x-portkey-trace-id', traceId);
    void reply.code(status).type('application/json; charset=utf-8').send(body);
  }

  private describe(error: unknown): { status: number; body: Record<string, unknown> } {
    if (error instanceof GatewayError) return { status: error.status, body: error.toBody() };
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof GatewayError) return { status: cause.status, body: cause.toBody() };
    if (error instanceof NotFoundException) return { status: 404, body: { message: 'Not Found', ok: false } };
    // Nest wraps Fastify's own errors in an HttpException; their code is on the cause.
    const code = (error as { code?: string }).code ?? ((error as { cause?: { code?: string } }).cause?.code);
    const message = (error as Error)?.message ?? String(error);
    const failure = (status: number, text: string) => ({ status, body: { status: 'failure', message: text } });
    switch (code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return failure(400, `Invalid JSON body: ${message}`);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return failure(400, 'Invalid JSON body: the body is empty');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return failure(413, `Request body too large: ${message}`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_TYPE':
        return failure(400, 'Invalid content type passed');
    }
    if (error instanceof SyntaxError) return failure(400, `Invalid JSON body: ${message}`);
    if (error instanceof HttpException) return failure(error.getStatus(), message);
    const statusCode = (error as { statusCode?: number }).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) return failure(statusCode, message);
    return failure(500, 'Something went wrong in the gateway');
  }
}
