import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * Errors Fastify raises before a route runs (unparsable JSON, a body over the limit, an
 * unsupported content type, an unknown route), answered in the reference gateway's shapes instead
 * of Fastify's own.
 */
export function installHttpErrorHandlers(fastify: FastifyInstance): void {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = describe(error);
    const traceId = request.headers['x-portkey-trace-id'];
    if (typeof traceId === 'string') void reply.header('x-portkey-trace-id', traceId);
    void reply.code(status).type('application/json; charset=utf-8').send({ status: 'failure', message });
  });
  fastify.setNotFoundHandler((_request, reply) => {
    void reply.code(404).type('application/json; charset=utf-8').send({ message: 'Not Found', ok: false });
  });
}

function describe(error: FastifyError): { status: number; message: string } {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: `Invalid JSON body: ${error.message}` };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'Invalid JSON body: the body is empty' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: `Request body too large: ${error.message}` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 400, message: 'Invalid content type passed' };
    default:
      if (error instanceof SyntaxError) return { status: 400, message: `Invalid JSON body: ${error.message}` };
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, message: error.message };
      return { status: 500, message: 'Something went wrong in the gateway' };
  }
}
