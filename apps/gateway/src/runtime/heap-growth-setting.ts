/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again. V8's own heuristic picks a factor between 1.1 and 4 from the allocation rate, and
 * a gateway allocates fast (every request builds and drops bodies, headers and routing objects): it
 * picks the top, and under load the heap grew to ~200 MB around ~40 MB of live objects, taking the
 * process's peak RSS past 300 MB (BENCHMARKS.md, "Memory"). A fixed, smaller factor keeps the heap
 * near its live size at the price of more frequent (concurrent, incremental) full collections.
 * 50% rather than less: 20% cost ~15–20% CPU per request in alternating A/B runs (BENCHMARKS.md,
 * "Memory"), 50% stayed within the runs' noise for a peak within a few MB of 20%'s.
 *
 * Applied by apply-v8-memory-flags.ts; `GATEWAY_HEAP_GROWTH_PERCENT=0` leaves V8's heuristic alone.
 */

export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/** The growth to apply, or an error message naming the bad value. */
export function heapGrowthPercent(env: NodeJS.ProcessEnv): number | string {
  const raw = env.GATEWAY_HEAP_GROWTH_PERCENT;
  if (raw === undefined || raw === '') return DEFAULT_HEAP_GROWTH_PERCENT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 300) return `GATEWAY_HEAP_GROWTH_PERCENT must be an integer from 0 (V8's own heuristic) to 300, got "${raw}"`;
  return value;
}
