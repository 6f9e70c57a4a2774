#!/usr/bin/env node
// `node bench/limits.mjs`: what rate limits (Redis store) and metrics cost on the request path.
// Starts the mock provider and the built gateway (apps/gateway/dist) with a real control plane
// (a fresh database on DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432, request
// log on) and REDIS_URL (default redis://127.0.0.1:6379), seeds a workspace through the admin API,
// then measures on the same process, one after another:
//   - no limit applies (inline provider headers, no gateway key): the baseline; metrics are on
//     (they always are), so this row is "metrics on, limits off";
//   - the same with a gateway API key, before any limit is set (the key lookup, the workspace's
//     request log): what the limits row is compared with;
//   - that key once its workspace and the key both have limits (requests and tokens per minute,
//     concurrency, daily and monthly budgets) far above the load: the admissions of one event-loop
//     turn run as one Lua script in Redis (carrying the settlements queued since the last one: one
//     script per request when they come one at a time, as in the sequential requests), and its
//     answer carries x-ratelimit-* headers. Redis scripts per request are counted over the
//     sequential requests (INFO commandstats; other users of the same Redis would add to it).
// For each: req/s at 32 connections and p50 at 1 (autocannon, bench/lib/load.mjs), and the
// gateway's own `x-portkey-gateway-overhead-ms` over sequential requests; then one /metrics scrape.
// Last, the reference gateway (@portkey-ai/gateway, inline provider headers) under the same load,
// in the same run, so the ratios below compare figures taken minutes apart, not days.
// Writes a section of BENCHMARKS.md between `<!-- limits-bench -->` markers.
//
// Environment: BENCH_DURATION (10), BENCH_WARMUP (2), BENCH_SEQUENTIAL (2000), BENCH_SKIP_BUILD=1,
// BENCH_OUTPUT (BENCHMARKS.md, "-" for none), DATABASE_URL (a server to create a database on), REDIS_URL,
// BENCH_GATEWAY_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, node flags for the gateway process only).
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { request, verifyBody } from './lib/http.mjs';
import { loadRun } from './lib/load.mjs';
import { freePort, killAllSync, memoryOf, startNode, stopProcess } from './lib/procs.mjs';
import { Samples, summarize } from './lib/stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MOCK_CLI = join(ROOT, 'apps/mock-provider/dist/cli.js');
const GATEWAY_MAIN = join(ROOT, 'apps/gateway/dist/main.js');
const REFERENCE_START = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const durationS = Number(process.env.BENCH_DURATION || 10);
const warmupS = Number(process.env.BENCH_WARMUP || 2);
const sequential = Number(process.env.BENCH_SEQUENTIAL || 2000);
const output = process.env.BENCH_OUTPUT === '-' ? null : resolve(ROOT, process.env.BENCH_OUTPUT || 'BENCHMARKS.md');
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const logDir = mkdtempSync(join(os.tmpdir(), 'aigw-limits-bench-'));
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

/** A fresh database on the server, dropped at the end. */
async function freshDatabase() {
  const name = `aigw_limits_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function admin(port, token, method, path, body) {
  const response = await fetch(`http://127.0.0.1:${port}/admin/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A gateway API key, and a function that limits its workspace and the key (far above the load). */
async function seedKey(port, email, password) {
  const login = await fetch(`http://127.0.0.1:${port}/admin/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const { token } = await login.json();
  const [ws] = await admin(port, token, 'GET', '/workspaces');
  const created = await admin(port, token, 'POST', `/workspaces/${ws.id}/api-keys`, { name: 'bench' });
  const generous = { requestsPerMinute: 100_000_000, tokensPerMinute: 1_000_000_000, concurrentRequests: 100_000, costPerDayUsd: 1_000_000, costPerMonthUsd: 10_000_000, alertThreshold: 0.9 };
  return {
    key: created.key,
    async limit() {
      await admin(port, token, 'PUT', `/workspaces/${ws.id}/limits`, { scope: 'workspace', ...generous });
      await admin(port, token, 'PUT', `/workspaces/${ws.id}/limits`, { scope: 'api_key', scopeId: created.apiKey.id, ...generous });
      await new Promise((r) => setTimeout(r, 1500)); // the limits cache reloads on the invalidation event
    },
  };
}

/** EVALSHA + EVAL calls Redis has answered so far (all clients). */
async function redisScriptCalls() {
  const { createConnection } = await import('node:net');
  const url = new URL(redisUrl);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      text += chunk;
      const header = /^\$(\d+)\r\n/.exec(text);
      if (!header || Buffer.byteLength(text) < header[0].length + Number(header[1])) return;
      socket.end();
      let calls = 0;
      for (const m of text.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)) calls += Number(m[1]);
      resolve(calls);
    });
    socket.write('INFO commandstats\r\n');
  });
}

async function overheads(target, body) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const overhead = new Samples(sequential);
  let limited = 0;
  try {
    for (let i = 0; i < sequential + 200; i++) {
      const res = await request(target, body, { agent });
      if (i < 200) continue;
      if (res.headers['x-ratelimit-remaining-requests'] !== undefined) limited++;
      overhead.push(Number(res.headers['x-portkey-gateway-overhead-ms']));
    }
  } finally {
    agent.destroy();
  }
  return { overhead: summarize(overhead), limited };
}

async function quieter() {
  for (let i = 0; i < 60 && os.loadavg()[0] > 2; i++) await new Promise((r) => setTimeout(r, 1000));
}

async function scenario(label, port, headers) {
  await quieter();
  const loadBefore = os.loadavg()[0];
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 16 });
  const target = { name: label, host: '127.0.0.1', port, path: '/v1/chat/completions', headers: { 'content-type': 'application/json', ...headers } };
  const first = await request(target, body);
  if (first.status !== 200) throw new Error(`${label}: first request answered ${first.status}: ${first.text.slice(0, 200)}`);
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  const runs = {};
  for (const connections of [1, 32]) {
    log(`  ${label}: ${connections} connection(s) …`);
    runs[connections] = await loadRun({ url, headers: target.headers, body, connections, durationS, warmupS, verify: verifyBody.json });
  }
  log(`  ${label}: ${sequential} sequential requests …`);
  const scriptsBefore = await redisScriptCalls();
  const seq = await overheads(target, body);
  const scriptsPerRequest = ((await redisScriptCalls()) - scriptsBefore) / (sequential + 200);
  log(`  ${label}: ${scriptsPerRequest.toFixed(3)} Redis scripts per request`);
  return { label, runs, seq, scriptsPerRequest, load: `${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}` };
}

async function main() {
  build();
  for (const f of [MOCK_CLI, GATEWAY_MAIN]) if (!existsSync(f)) throw new Error(`${f} is missing: build first`);
  log(`logs in ${logDir}`);
  const db = await freshDatabase();
  const mockPort = await freePort();
  const mock = await startNode({ name: 'mock', args: [MOCK_CLI, '--port', String(mockPort), '--host', '127.0.0.1'], cwd: ROOT, env: process.env, logFile: join(logDir, 'mock.log'), readyUrl: `http://127.0.0.1:${mockPort}/` });
  const host = `http://127.0.0.1:${mockPort}/v1`;
  const inline = { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': host, authorization: 'Bearer sk-bench' };
  const email = 'bench@example.com';
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const gateway = await startNode({
    name: 'gateway',
    args: [...(process.env.BENCH_GATEWAY_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []), GATEWAY_MAIN],
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: redisUrl, GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'), ADMIN_EMAIL: email, ADMIN_PASSWORD: password, LOG_FORMAT: 'json' },
    logFile: join(logDir, 'gateway.log'),
    readyUrl: `http://127.0.0.1:${port}/health`,
  });
  const results = [];
  let scrapeMs;
  try {
    const seeded = await seedKey(port, email, password);
    const keyed = { ...inline, 'x-portkey-api-key': seeded.key };
    results.push(await scenario('metrics on, no limit applies (inline provider key)', port, inline));
    results.push(await scenario('metrics on, gateway API key, no limit set', port, keyed));
    await seeded.limit();
    results.push(await scenario('metrics on, limits on (Redis): workspace + key limits, one Lua script per event-loop turn (its admissions, carrying queued settlements)', port, keyed));
    const started = performance.now();
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    scrapeMs = performance.now() - started;
    log(`  /metrics: ${text.length} bytes in ${scrapeMs.toFixed(1)} ms`);
    results.at(-1).peakRss = memoryOf(gateway.pid).hwm;
  } finally {
    await stopProcess(gateway);
    await db.drop();
  }
  let reference;
  if (existsSync(REFERENCE_START)) {
    const refPort = await freePort();
    const ref = await startNode({ name: 'reference', args: [REFERENCE_START, `--port=${refPort}`, '--headless'], cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, logFile: join(logDir, 'reference.log'), readyUrl: `http://127.0.0.1:${refPort}/` });
    try {
      await quieter();
      const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 16 });
      log('  reference: 32 connections …');
      reference = await loadRun({ url: `http://127.0.0.1:${refPort}/v1/chat/completions`, headers: { 'content-type': 'application/json', ...inline }, body, connections: 32, durationS, warmupS, verify: verifyBody.json });
    } finally {
      await stopProcess(ref);
    }
  }
  await stopProcess(mock);

  const rows = results.map((r) => {
    const one = r.runs[1];
    const many = r.runs[32];
    const bad = one.non2xx + one.errors + one.mismatches + many.non2xx + many.errors + many.mismatches;
    return `| ${r.label} | ${Math.round(many.rps).toLocaleString('en-US')} | ${many.p50.toFixed(3)} | ${Math.round(one.rps).toLocaleString('en-US')} | ${one.p50.toFixed(3)} | ${r.seq.overhead.p50.toFixed(3)} | ${r.seq.overhead.p99.toFixed(3)} | ${r.seq.limited}/${sequential} | ${r.scriptsPerRequest.toFixed(2)} | ${bad} | ${r.load} |`;
  });
  const peak = results.find((r) => r.peakRss)?.peakRss;
  const section = [
    '<!-- limits-bench:start (written by `node bench/limits.mjs`; the rest of this file is left alone) -->',
    '## Rate limits (Redis) and metrics: their cost (`node bench/limits.mjs`)',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this 2-core machine (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end, the benchmark's own processes included), ${durationS} s measured per row after ${warmupS} s warm-up. The built gateway with its control plane (Postgres, request log on), REDIS_URL set (limits and invalidation in Redis), metrics on; the mock provider upstream; JSON chat completions. "Gateway overhead" is the gateway's own \`x-portkey-gateway-overhead-ms\` over ${sequential} sequential requests (after 200 unrecorded); it includes the Redis admission round trip, which happens before the upstream call.`,
    '',
    '| Scenario | req/s (32 conn.) | p50 ms (32) | req/s (1 conn.) | p50 ms (1) | gateway overhead p50 ms | overhead p99 ms | answers with x-ratelimit-* | Redis scripts per request | failures | load average (1 min) before → after |',
    '| :-- | --: | --: | --: | --: | --: | --: | --: | --: | --: | :-- |',
    ...rows,
    '',
    `Peak RSS of the gateway: ${peak ? `${(peak / 1048576).toFixed(1)} MiB` : '–'}; one /metrics scrape after the run: ${scrapeMs?.toFixed(1) ?? '–'} ms.`,
    '',
    reference
      ? `Reference (@portkey-ai/gateway, inline provider headers, no limits) in the same run, 32 connections: ${Math.round(reference.rps).toLocaleString('en-US')} req/s (${reference.non2xx + reference.errors + reference.mismatches} failures). Ours ÷ reference at 32 connections: ${results.map((r) => `${r.label.split(':')[0]} ${(r.runs[32].rps / reference.rps).toFixed(2)}×`).join('; ')}.`
      : 'The reference gateway is not installed: no same-run ratio.',
    '<!-- limits-bench:end -->',
  ].join('\n');
  log(`\n${section}\n`);
  if (output) {
    const existing = existsSync(output) ? readFileSync(output, 'utf8') : '';
    const re = /<!-- limits-bench:start[\s\S]*?<!-- limits-bench:end -->/;
    writeFileSync(output, re.test(existing) ? existing.replace(re, section) : `${existing.trimEnd()}\n\n${section}\n`);
    log(`written to ${output}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
