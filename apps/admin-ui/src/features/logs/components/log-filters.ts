/**
 * The logs page's filters live in the URL (shareable, survive a reload). Parsed with zod so a
 * hand-edited URL cannot send nonsense to the API; the time window is a relative range.
 */
import { z } from 'zod';
import type { LogSearchQuery } from '../../../lib/contract';

export const WINDOWS = [
  { value: '15m', label: '15 minutes', ms: 15 * 60_000 },
  { value: '1h', label: '1 hour', ms: 3_600_000 },
  { value: '24h', label: '24 hours', ms: 86_400_000 },
  { value: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { value: 'all', label: 'All time', ms: 0 },
] as const;

export const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'errors', label: 'Errors (≥ 400)' },
  { value: '2xx', label: '2xx' },
  { value: '4xx', label: '4xx' },
  { value: '5xx', label: '5xx' },
  { value: '429', label: '429' },
];

const text = z.string().trim().max(200).optional().catch(undefined);

export const filtersSchema = z.object({
  window: z.enum(WINDOWS.map((w) => w.value) as [string, ...string[]]).catch('24h').default('24h'),
  status: z.string().regex(/^(errors|[1-5]xx|[1-5]\d\d)$/).optional().catch(undefined),
  provider: text,
  model: text,
  virtualKey: text,
  configId: text,
  apiKeyId: z.uuid().optional().catch(undefined),
  traceId: text,
});

export type LogFilters = z.infer<typeof filtersSchema>;
export const FILTER_FIELDS = ['provider', 'model', 'virtualKey', 'configId', 'apiKeyId', 'traceId'] as const;

export function readFilters(params: URLSearchParams): LogFilters {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value) raw[key] = value;
  return filtersSchema.parse(raw);
}

/** Sets (or, when empty, removes) search params; also used for `live` and the open `log`. */
export function writeFilters(params: URLSearchParams, filters: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(filters)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The API's query: the window becomes `from` (rounded to the minute, so the cache key is stable). */
export function toSearchQuery(filters: LogFilters, now = Date.now()): LogSearchQuery {
  const ms = WINDOWS.find((w) => w.value === filters.window)?.ms ?? 0;
  const from = ms ? new Date(Math.floor((now - ms) / 60_000) * 60_000).toISOString() : undefined;
  const { window: _window, status, ...rest } = filters;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v)),
    from,
    ...(status === 'errors' ? { errorsOnly: 'true' } : status ? { status } : {}),
  };
}
