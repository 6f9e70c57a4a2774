/**
 * Whether an error means "Postgres cannot be reached right now" (refused, reset, unresolvable,
 * timed out, starting up or shutting down), as opposed to a wrong password, a bad migration or a
 * bug. Only the first is worth waiting out: the gateway serves without its control plane meanwhile.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  'P1001', 'P1002', 'P1017', 'P2024', // Prisma: cannot reach, timed out, closed, no pool connection
]);

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const { code, message, cause, errors } = current as { code?: string; message?: string; cause?: unknown; errors?: unknown[] };
    if (code && UNREACHABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated unexpectedly/i.test(message)) return true;
    // AggregateError (every address of a name refused) carries the real errors in `errors`.
    if (Array.isArray(errors) && errors.some((e) => isDatabaseUnreachable(e))) return true;
    current = cause;
  }
  return false;
}
