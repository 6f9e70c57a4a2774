/**
 * Applies the heap growth setting (heap-growth-setting.ts) at run time, imported first thing in
 * main.ts so `npm start`, the container and the benchmark all get it without a launcher flag: V8
 * reads this flag at each full collection, so setting it after start-up is enough.
 */
import { setFlagsFromString } from 'node:v8';
import { heapGrowthPercent } from './heap-growth-setting.js';

const growth = heapGrowthPercent(process.env);
// A bad value is reported with every other bad setting by validateEnvironment; here it is skipped.
if (typeof growth === 'number' && growth > 0) setFlagsFromString(`--heap-growing-percent=${growth}`);
