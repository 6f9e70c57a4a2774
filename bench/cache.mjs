#!/usr/bin/env node
// `node bench/cache.mjs`: what a response-cache hit costs. Starts the mock provider and the built
// gateway (apps/gateway/dist, stateless: GATEWAY_DATABASE=off, so no request log is written and only
// the request path is measured), then, on the same process and one after another:
//   - no cache (x-portkey-provider, every request goes to the mock): the baseline of this run;
//   - simple cache, in-process store, 100% hits (one priming request first), JSON and streamed;
//   - simple cache, Redis store (REDIS_URL, default redis://127.0.0.1:6379, when it answers), 100% hits.
// For each: requests/s at 32 connections and p50 at 1 (autocannon, bench/lib/load.mjs), and the
// gateway's own `x-portkey-gateway-overhead-ms` over sequential hits. Writes a section of
// BENCHMARKS.md between `<!-- cache-bench -->` markers (after the Notes, which `npm run bench` keeps).
//
// Environment: BENCH_DURATION (10), BENCH_WARMUP (2), BENCH_SEQUENTIAL (2000), BENCH_SKIP_BUILD=1,
// BENCH_OUTPUT (BENCHMARKS.md, "-" for none), REDIS_URL.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { request, verifyBody } from './lib/http.mjs';
import { loadRun } from './lib/load.mjs';
import { freePort, killAllSync, memoryOf, startNode, stopProcess } from './lib/procs.mjs';
import { Samples, summarize } from './lib/stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MOCK_CLI = join(ROOT, 'apps/mock-provider/dist/cli.js');
const GATEWAY_MAIN = join(ROOT, 'apps/gateway/dist/main.js');
const durationS = Number(process.env.BENCH_DURATION || 10);
const warmupS = Number(process.env.BENCH_WARMUP || 2);
const sequential = Number(process.env.BENCH_SEQUENTIAL || 2000);
const output = process.env.BENCH_OUTPUT === '-' ? null : resolve(ROOT, process.env.BENCH_OUTPUT || 'BENCHMARKS.md');
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const logDir = mkdtempSync(join(os.tmpdir(), 'aigw-cache-bench-'));
const log = (...a) => console.log(...a);

process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function build() {
  if (/^(1|true|yes)$/i.test(process.env.BENCH_SKIP_BUILD ?? '')) return;
  log('building (nx run-many -t build) …');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'build', '--outputStyle=static'], {
    cwd: ROOT,
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(`build failed:\n${(r.stdout + r.stderr).split('\n').slice(-40).join('\n')}`);
    process.exit(1);
  }
}

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) }, () => {
      socket.end('PING\r\n');
      done(true);
    });
    socket.on('error', () => done(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      done(false);
    });
  });
}

async function startGateway(name, env) {
  const port = await freePort();
  const proc = await startNode({
    name,
    args: [GATEWAY_MAIN],
    cwd: ROOT,
    // REDIS_URL only where the Redis store is measured: it is what selects that store.
    env: { ...withoutRedisUrl(process.env), PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', GATEWAY_DATABASE: 'off', ...env },
    logFile: join(logDir, `${name}.log`),
    readyUrl: `http://127.0.0.1:${port}/health`,
  });
  return { ...proc, port };
}

function withoutRedisUrl(env) {
  const { REDIS_URL: _dropped, ...rest } = env;
  return rest;
}

/** Sequential requests: each response's `x-portkey-gateway-overhead-ms` and cache status. */
async function overheads(target, body) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const overhead = new Samples(sequential);
  const total = new Samples(sequential);
  const statuses = {};
  try {
    for (let i = 0; i < sequential + 200; i++) {
      const res = await request(target, body, { agent });
      if (i < 200) continue;
      statuses[res.headers['x-portkey-cache-status']] = (statuses[res.headers['x-portkey-cache-status']] ?? 0) + 1;
      overhead.push(Number(res.headers['x-portkey-gateway-overhead-ms']));
      total.push(res.totalMs);
    }
  } finally {
    agent.destroy();
  }
  return { overhead: summarize(overhead), total: summarize(total), statuses };
}

/** The machine is shared: wait (up to 60 s) for the 1-minute load average to fall under 2. */
async function quieter() {
  for (let i = 0; i < 60 && os.loadavg()[0] > 2; i++) await new Promise((r) => setTimeout(r, 1000));
}

async function scenario(label, port, headers, mode) {
  await quieter();
  const loadBefore = os.loadavg()[0];
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], ...(mode === 'stream' ? { stream: true } : {}) });
  const target = { name: label, host: '127.0.0.1', port, path: '/v1/chat/completions', headers: { 'content-type': 'application/json', ...headers } };
  const prime = await request(target, body);
  if (prime.status !== 200) throw new Error(`${label}: priming request answered ${prime.status}: ${prime.text.slice(0, 200)}`);
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  const runs = {};
  for (const connections of [1, 32]) {
    log(`  ${label}: ${connections} connection(s) …`);
    runs[connections] = await loadRun({ url, headers: target.headers, body, connections, durationS, warmupS, verify: verifyBody[mode] });
  }
  log(`  ${label}: ${sequential} sequential requests …`);
  const seq = await overheads(target, body);
  return { label, mode, runs, seq, load: `${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}` };
}

async function main() {
  build();
  for (const f of [MOCK_CLI, GATEWAY_MAIN]) if (!existsSync(f)) throw new Error(`${f} is missing: build first`);
  log(`logs in ${logDir}`);
  const mockPort = await freePort();
  const mock = await startNode({ name: 'mock', args: [MOCK_CLI, '--port', String(mockPort), '--host', '127.0.0.1'], cwd: ROOT, env: process.env, logFile: join(logDir, 'mock.log'), readyUrl: `http://127.0.0.1:${mockPort}/` });
  const host = `http://127.0.0.1:${mockPort}/v1`;
  const direct = { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': host, authorization: 'Bearer sk-bench' };
  const cached = { 'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: 'sk-bench', custom_host: host, cache: { mode: 'simple', max_age: 3600 } }) };
  const results = [];

  const memory = await startGateway('gateway-memory', {});
  try {
    results.push({ store: '–', ...(await scenario('no cache (every request to the mock)', memory.port, direct, 'json')) });
    results.push({ store: 'in-process', ...(await scenario('simple cache, 100% hits, JSON', memory.port, cached, 'json')) });
    results.push({ store: 'in-process', ...(await scenario('simple cache, 100% hits, stream', memory.port, cached, 'stream')) });
    results.at(-1).peakRss = memoryOf(memory.pid).hwm;
  } finally {
    await stopProcess(memory);
  }

  let redisNote = '';
  if (await redisAnswers(redisUrl)) {
    const redis = await startGateway('gateway-redis', { REDIS_URL: redisUrl });
    try {
      const ns = { 'x-portkey-cache-namespace': `bench-${Date.now()}` };
      results.push({ store: 'Redis', ...(await scenario('simple cache, 100% hits, JSON (Redis)', redis.port, { ...cached, ...ns }, 'json')) });
    } finally {
      await stopProcess(redis);
    }
  } else {
    redisNote = `Redis did not answer at ${redisUrl}: the Redis store was not measured.`;
  }
  await stopProcess(mock);

  const rows = results.map((r) => {
    const one = r.runs[1];
    const many = r.runs[32];
    const bad = one.non2xx + one.errors + one.mismatches + many.non2xx + many.errors + many.mismatches;
    const statuses = Object.entries(r.seq.statuses).map(([k, v]) => `${k} ${v}`).join(', ');
    return `| ${r.label} | ${r.store} | ${Math.round(many.rps).toLocaleString('en-US')} | ${many.p50.toFixed(3)} | ${Math.round(one.rps).toLocaleString('en-US')} | ${one.p50.toFixed(3)} | ${r.seq.overhead.p50.toFixed(3)} | ${r.seq.overhead.p99.toFixed(3)} | ${r.seq.total.p50.toFixed(3)} | ${statuses} | ${bad} | ${r.load} |`;
  });
  const peak = results.find((r) => r.peakRss)?.peakRss;
  const section = [
    '<!-- cache-bench:start (written by `node bench/cache.mjs`; the rest of this file is left alone) -->',
    '## Response cache: cost of a hit (`node bench/cache.mjs`)',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this 2-core machine (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end, the benchmark's own processes included), ${durationS} s measured per row after ${warmupS} s warm-up, the built gateway with \`GATEWAY_DATABASE=off\` (no request log, so only the request path is measured), the mock provider upstream. "Gateway overhead" is the gateway's own \`x-portkey-gateway-overhead-ms\` over ${sequential} sequential requests (after 200 unrecorded): for a hit, that is the whole time the gateway spent, since no provider is called.`,
    '',
    '| Scenario | Store | req/s (32 conn.) | p50 ms (32) | req/s (1 conn.) | p50 ms (1) | gateway overhead p50 ms | overhead p99 ms | sequential p50 ms (client) | cache statuses seen | failures | load average (1 min) before → after |',
    '| :-- | :-- | --: | --: | --: | --: | --: | --: | --: | :-- | --: | :-- |',
    ...rows,
    '',
    `Peak RSS of the in-process run's gateway: ${peak ? `${(peak / 1048576).toFixed(1)} MiB` : '–'}. ${redisNote}`,
    '<!-- cache-bench:end -->',
  ].join('\n');
  log(`\n${section}\n`);
  if (output) {
    const existing = existsSync(output) ? readFileSync(output, 'utf8') : '';
    const re = /<!-- cache-bench:start[\s\S]*?<!-- cache-bench:end -->/;
    writeFileSync(output, re.test(existing) ? existing.replace(re, section) : `${existing.trimEnd()}\n\n${section}\n`);
    log(`written to ${output}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
