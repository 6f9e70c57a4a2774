/**
 * The admin API's error bodies, in the gateway's shape: `{ status: "failure", message, field?,
 * errors? }`. Domain errors map exhaustively to statuses; a Prisma "not found" or unique
 * violation that slipped past a service maps to 404/409; anything else is a 500 whose details
 * stay in the server log.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane/control-plane.errors.js';
import { SsoError } from '../control-plane/sso/sso.errors.js';

/** Prisma's codes for a database it cannot reach, or that stopped answering: an outage, not a bug. */
const DATABASE_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

interface ErrorBody {
  status: 'failure';
  message: string;
  field?: string;
  errors?: string[];
  /** SSO failures: a stable reason (`state_mismatch`, `code_rejected`, `idp_unreachable`, ...). */
  code?: string;
}

export function statusOf(code: ControlPlaneErrorCode): number {
  switch (code) {
    case ControlPlaneErrorCode.Invalid:
      return 400;
    case ControlPlaneErrorCode.Unauthenticated:
      return 401;
    case ControlPlaneErrorCode.Forbidden:
      return 403;
    case ControlPlaneErrorCode.NotFound:
      return 404;
    case ControlPlaneErrorCode.Conflict:
      return 409;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

function toResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ControlPlaneError) {
    return {
      status: statusOf(error.code),
      body: { status: 'failure', message: error.message, field: error.field, errors: error.errors },
    };
  }
  if (error instanceof SsoError) {
    return { status: error.getStatus(), body: { status: 'failure', message: error.message, code: error.reason } };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return { status: error.getStatus(), body: { status: 'failure', message: Array.isArray(message) ? message.join('; ') : String(message) } };
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2025') return { status: 404, body: { status: 'failure', message: 'not found' } };
    if (error.code === 'P2002') return { status: 409, body: { status: 'failure', message: 'already exists' } };
    if (DATABASE_UNREACHABLE.has(error.code)) {
      return { status: 503, body: { status: 'failure', message: 'The control plane database is unreachable; retry shortly' } };
    }
  }
  // Input Postgres cannot take as text (a NUL byte, an invalid encoding) that validation let through.
  const pgCode = (error as { cause?: { code?: string } })?.cause?.code;
  if (pgCode === '22021' || pgCode === '22P05') {
    return { status: 400, body: { status: 'failure', message: 'The request contains characters that cannot be stored (such as a NUL byte)' } };
  }
  return { status: 500, body: { status: 'failure', message: 'internal error' } };
}

@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminApi');

  catch(error: unknown, host: ArgumentsHost): void {
    const { status, body } = toResponse(error);
    // Only the message: error objects may carry query arguments (and so secrets).
    if (status >= 500) this.logger.error(`Admin API error: ${(error as Error)?.message ?? String(error)}`);
    const reply = host.switchToHttp().getResponse<{ status(code: number): { send(body: unknown): void } }>();
    reply.status(status).send(body);
  }
}
