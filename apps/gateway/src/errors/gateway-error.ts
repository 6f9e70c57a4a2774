/**
 * Errors the gateway itself raises, each mapped to the reference gateway's JSON shapes so clients
 * written against it keep working:
 * - request problems: `{"status":"failure","message":…}` (400/401/403/404/413);
 * - timeouts and transport failures: `{"error":{message,type,param,code}}` (408/502/503/504).
 */
export type GatewayErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'payload-too-large'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<GatewayErrorKind, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'payload-too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'GatewayError';
    this.status = STATUS[kind];
  }

  toBody(): Record<string, unknown> {
    return this.details ? { status: 'failure', message: this.message, errors: this.details } : { status: 'failure', message: this.message };
  }
}

export const badRequest = (message: string, details?: string[]) => new GatewayError('bad-request', message, details);

/** The OpenAI-style error body used for timeouts and transport failures. */
export function openAiErrorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}
