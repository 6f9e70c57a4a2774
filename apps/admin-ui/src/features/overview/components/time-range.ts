/** The overview's time ranges, kept in the URL (`?range=7d`) so a shared link shows the same view. */
import type { UsageRange } from '../api/usage';

export const RANGES = [
  { value: '24h', label: '24 hours', ms: 24 * 3600_000 },
  { value: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { value: '90d', label: '90 days', ms: 90 * 86_400_000 },
] as const;

export type RangeValue = (typeof RANGES)[number]['value'];

export function parseRange(value: string | null): RangeValue {
  return RANGES.find((r) => r.value === value)?.value ?? '7d';
}

/** `to` is rounded up to the next minute so the query key (and cache) is stable within a minute. */
export function rangeFor(value: RangeValue, now = Date.now()): UsageRange {
  const to = Math.ceil((now + 1) / 60_000) * 60_000;
  const ms = RANGES.find((r) => r.value === value)!.ms;
  return { from: new Date(to - ms).toISOString(), to: new Date(to).toISOString() };
}

/** Every UTC day of the range, so days without traffic show as zero instead of vanishing. */
export function daysOf(range: UsageRange): string[] {
  const days: string[] = [];
  const start = new Date(range.from);
  const cursor = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  for (let t = cursor; t < new Date(range.to).getTime(); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
