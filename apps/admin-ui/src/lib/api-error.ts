/**
 * Errors from the admin API, in words. The server answers `{ status: "failure", message, field?,
 * errors? }`; everything else (network down, HTML from a proxy) still becomes a sentence, never
 * "[object Object]".
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly errors: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** "settings.customHost: must be an http(s) URL" when the server named the field. */
  get sentence(): string {
    return this.field ? `${this.field}: ${this.message}` : this.message;
  }
}

const STATUS_WORDS: Record<number, string> = {
  400: 'The request was not valid',
  401: 'Your session has ended; sign in again',
  403: 'Your role does not allow this',
  404: 'Not found',
  409: 'That already exists',
  429: 'Too many requests; try again in a moment',
  500: 'The gateway had an internal error',
  502: 'The gateway is unreachable',
  503: 'The gateway is unavailable',
};

/** Builds an ApiError from a non-2xx response, whatever its body. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message =
    typeof record.message === 'string' && record.message
      ? record.message
      : (STATUS_WORDS[response.status] ?? `The gateway answered ${response.status} ${response.statusText}`.trim());
  const errors = Array.isArray(record.errors) ? record.errors.filter((e): e is string => typeof e === 'string') : [];
  return new ApiError(response.status, message, typeof record.field === 'string' ? record.field : undefined, errors);
}

/** A sentence for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.sentence;
  if (error instanceof TypeError) return 'Could not reach the gateway. Check your connection and try again.';
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong.';
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
