#!/usr/bin/env node
// `node bench/limits-store.mjs`: what one rate-limited request costs Redis, measured on the limit
// store alone (no HTTP): the built RedisLimitStore (apps/gateway/dist) admitting and settling N
// requests, 32 at a time, with limits on two scopes (workspace and API key, every dimension set),
// against REDIS_URL (default redis://127.0.0.1:6379). Reported per request, from Redis's own INFO
// (commandstats and CPU, so other clients of the same Redis add to them; run on a quiet Redis):
// script calls (round trips), Redis commands run inside scripts, Redis CPU, and this process's CPU.
// With BENCH_COMPARE=<commit>, the same load first runs the Lua scripts of that commit (the
// admission and settlement scripts before they were merged) for a side-by-side.
// Environment: N (20000), REDIS_URL, BENCH_COMPARE (e.g. 626979b).
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'apps/gateway/package.json'));
const { Redis } = require('ioredis');
const { RedisLimitStore } = await import(join(ROOT, 'apps/gateway/dist/limits/redis-limit-store.js'));
const N = Number(process.env.N || 20000);
const C = 32;
const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const info = new Redis(url);

const snap = async () =>
  Object.fromEntries(
    (await info.info('commandstats'))
      .split('\n')
      .map((l) => l.match(/^cmdstat_(\w+):calls=(\d+),usec=(\d+)/))
      .filter(Boolean)
      .map((m) => [m[1], [+m[2], +m[3]]]),
  );
const cpu = async () => {
  const t = await info.info('cpu');
  return Number(t.match(/used_cpu_user:([\d.]+)/)[1]) + Number(t.match(/used_cpu_sys:([\d.]+)/)[1]);
};
const generous = { requestsPerMinute: 100_000_000, tokensPerMinute: 1_000_000_000, concurrentRequests: 100_000, costPerDayUsd: 1_000_000, costPerMonthUsd: 10_000_000 };

async function run(label, once) {
  let i = 0;
  const a = await snap();
  const c0 = await cpu();
  const p0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: C }, async () => { while (i < N) await once(i++); }));
  await new Promise((r) => setTimeout(r, 100)); // the last settlements
  const ms = performance.now() - t0;
  const p = process.cpuUsage(p0);
  const b = await snap();
  const c1 = await cpu();
  let scripts = 0;
  let inner = 0;
  for (const [k, [n]] of Object.entries(b)) {
    const d = n - (a[k]?.[0] ?? 0);
    if (k === 'evalsha' || k === 'eval') scripts += d;
    else if (k !== 'info') inner += d;
  }
  const row = {
    label,
    scriptCallsPerRequest: +(scripts / N).toFixed(3),
    redisCommandsPerRequest: +(inner / N).toFixed(1),
    redisCpuUsPerRequest: +(((c1 - c0) * 1e6) / N).toFixed(1),
    clientCpuUsPerRequest: +((p.user + p.system) / N).toFixed(1),
    requestsPerSecond: Math.round((N / ms) * 1000),
  };
  console.log(JSON.stringify(row));
  return row;
}

const day = new Date().toISOString().slice(0, 10);
const month = day.slice(0, 7);
if (process.env.BENCH_COMPARE) {
  const text = execFileSync('git', ['show', `${process.env.BENCH_COMPARE}:apps/gateway/src/limits/redis-limit-scripts.ts`], { cwd: ROOT, encoding: 'utf8' });
  const grab = (name) => text.match(new RegExp(`export const ${name} = \`([\\s\\S]*?)\`;`))[1];
  const old = new Redis(url);
  old.defineCommand('oldAdmit', { lua: grab('ADMIT_SCRIPT') });
  old.defineCommand('oldSettle', { lua: grab('SETTLE_SCRIPT') });
  const ws = `bench-old-${Date.now()}`;
  const keys = ['ws', 'ak:1'].flatMap((s) => {
    const p = `aigw:lim:{${ws}}:${s}`;
    return [`${p}:req`, `${p}:tok`, `${p}:toksum`, `${p}:conc`, `${p}:cd:${day}`, `${p}:cm:${month}`];
  });
  const limits = [generous.requestsPerMinute, generous.tokensPerMinute, generous.concurrentRequests, generous.costPerDayUsd * 1e9, generous.costPerMonthUsd * 1e9];
  await run(`${process.env.BENCH_COMPARE}: admission script + settlement script`, async (n) => {
    const now = Date.now();
    const r = await old.oldAdmit(keys.length, ...keys, now, `t${n}:0`, 30, 2000, 60_000, 600_000, 3_600_000, 86_400_000, ...limits, ...limits);
    if (r[0] === 1) old.oldSettle(keys.length, ...keys, `t${n}:0`, 30, 20, now, -500).catch(() => undefined);
  });
  old.disconnect();
}
const store = new RedisLimitStore(new Redis(url));
const ws = `bench-new-${Date.now()}`;
const scopes = [
  { key: 'ws', label: 'workspace', rule: generous },
  { key: 'ak:1', label: 'API key 1', rule: generous },
];
await run('this tree: one script per event-loop turn (its admissions, carrying queued settlements)', async (n) => {
  const r = await store.admit({ workspaceId: ws, id: `t${n}:0`, scopes, estimatedTokens: 30, estimatedCostNanoUsd: 2000, nowMs: Date.now() });
  if (r.ok) store.settle(r.reservation, { tokens: 20, costNanoUsd: 1500 }).catch(() => undefined);
});
await store.close();
info.disconnect();
