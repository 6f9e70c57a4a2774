/**
 * OpenAI's rate-limit headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, resets as
 * durations like `6m0s`), so SDKs and dashboards that read them work unchanged; concurrency and
 * cost budgets use the same pattern with their own suffixes (cost in USD).
 */
import type { Allowance, Dimension } from './limit-rules.js';

const SUFFIX: Record<Dimension, string> = {
  requests: 'requests',
  tokens: 'tokens',
  concurrent: 'concurrent',
  'cost-day': 'cost-day',
  'cost-month': 'cost-month',
};

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

function amount(dimension: Dimension, value: number): string {
  return dimension === 'cost-day' || dimension === 'cost-month' ? (value / 1e9).toFixed(6) : String(value);
}

export function allowanceHeaders(allowance: Partial<Record<Dimension, Allowance>>, into: Record<string, string> = {}): Record<string, string> {
  for (const dimension in allowance) {
    const d = dimension as Dimension;
    const a = allowance[d]!;
    into[`x-ratelimit-limit-${SUFFIX[d]}`] = amount(d, a.limit);
    into[`x-ratelimit-remaining-${SUFFIX[d]}`] = amount(d, a.remaining);
    if (d !== 'concurrent') into[`x-ratelimit-reset-${SUFFIX[d]}`] = formatDuration(a.resetMs);
  }
  return into;
}

export function retryAfterSeconds(resetMs: number): number {
  return Math.max(1, Math.ceil(resetMs / 1000));
}
