/**
 * Turns a failed upstream call into a clear status and message (never an HTML or text blob):
 * 503 when the connection could not be made in time, 502 for everything else that broke the
 * exchange (refused, reset, DNS, TLS).
 */
export function describeTransportError(error: unknown, provider: string, url: string): { status: number; message: string } {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code ?? 'UNKNOWN';
  const origin = safeOrigin(url);
  const reason = err.cause?.message ?? err.message ?? String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { status: 503, message: `Could not connect to ${provider} at ${origin}: connection timed out` };
  }
  return { status: 502, message: `Could not reach ${provider} at ${origin}: ${reason} (${code})` };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured host';
  }
}
