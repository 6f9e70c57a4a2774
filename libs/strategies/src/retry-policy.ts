/**
 * Retry decisions as pure functions: which outcomes are retryable, how long to wait (full-jitter
 * exponential backoff, or the provider's Retry-After when asked).
 */
import type { AttemptOutcome, ResolvedRetry } from './router.types.js';

export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** 1 s doubling up to 16 s: the reference's schedule (1, 2, 4, 8, 16 s), here as jitter ceilings. */
export const DEFAULT_BACKOFF: Backoff = Object.freeze({ baseMs: 1000, capMs: 16_000 });
/** Longest single or cumulative Retry-After wait honoured (the reference's MAX_RETRY_LIMIT_MS). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * Full jitter: a uniform draw in [0, min(cap, base·2^n)) before retry n (0 = first retry), so
 * clients that failed together do not retry together.
 */
export function backoffDelay(retryIndex: number, backoff: Backoff, random: () => number): number {
  return random() * Math.min(backoff.capMs, backoff.baseMs * 2 ** retryIndex);
}

/** Connection errors and timeouts always; statuses when listed. A gateway exception never. */
export function isRetryable(outcome: AttemptOutcome, timedOut: boolean, retry: ResolvedRetry): boolean {
  if (outcome.gatewayException) return false;
  return timedOut || outcome.transportError === true || retry.onStatusCodes.includes(outcome.status);
}

type Headers = AttemptOutcome['headers'];

/** Most precise first: the millisecond headers (Azure sends them), then the standard one. */
const MS_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms'] as const;

/**
 * The wait a response asks for, in ms: `retry-after-ms`, `x-ms-retry-after-ms`, then
 * `retry-after` (seconds, or an HTTP date measured against `now`). Undefined when absent or
 * unreadable, so the caller falls back to backoff.
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  if (!headers) return undefined;
  for (const name of MS_HEADERS) {
    const value = header(headers, name);
    if (value === undefined) continue;
    const ms = Number(value.trim());
    if (value.trim() !== '' && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Header lookup: lower-case names first (Node and undici give those), then any case. */
function header(headers: NonNullable<Headers>, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value[0] : value;
}
