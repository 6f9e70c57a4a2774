/**
 * V8 settings for memory, applied at run time and imported first thing in main.ts, so `npm start`,
 * the container and the benchmark all get them without a launcher flag. Each was measured
 * (BENCHMARKS.md, "Memory"):
 *
 * - The old generation's growth factor (heap-growth-setting.ts): V8 reads it at each full
 *   collection, so setting it after start-up is enough.
 * - `--liftoff-only`: WebAssembly is compiled by the baseline compiler only. The Prisma query
 *   compiler (~2 MB of wasm) otherwise tiers up to ~15 MB of optimised code, for admin queries and
 *   the hot path's rare cache misses. The other wasm in the process is undici's HTTP parser: 10,000
 *   streamed upstream answers cost the same client CPU with and without the flag (47–60 µs each,
 *   within run-to-run noise), while RSS was 12–15 MB lower. Read when a module compiles, so it
 *   must be set before the first upstream connection and the first database query, as here.
 * - The young generation held at its initial size until the gateway serves (young-generation.ts;
 *   main.ts releases it after listen()).
 */
import { setFlagsFromString } from 'node:v8';
import { heapGrowthPercent } from './heap-growth-setting.js';
import { holdYoungGeneration } from './young-generation.js';

const growth = heapGrowthPercent(process.env);
// A bad value is reported with every other bad setting by validateEnvironment; here it is skipped.
if (typeof growth === 'number' && growth > 0) setFlagsFromString(`--heap-growing-percent=${growth}`);
setFlagsFromString('--liftoff-only');
holdYoungGeneration();
