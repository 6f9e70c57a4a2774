#!/usr/bin/env node
/**
 * Shadow traffic benchmark (`node bench/shadow.mjs`): does a slow shadow cost the client anything?
 *
 * Starts the gateway (built from the working tree into apps/gateway/.bench-shadow-dist, so the
 * shared dist/ is left alone) with a real control plane on a fresh database, and two upstreams:
 * the primary's answers in about 20 ms, the shadow's in 500 ms. Two saved configs route to the
 * fast upstream, one of them with `shadow: {config_id: <slow config>, sample_rate: 1}`: every one
 * of its requests is also sent, after the answer, to the slow upstream. Requests go in rounds,
 * alternating between the two configs (so drift in a shared machine's load hits both alike), 8 at
 * a time, and the client's latency is compared: p50 and p99, with and without the shadow. The
 * shadow's own bookkeeping is reported too: shadows run (rows in shadow_outcomes, read through
 * the admin API's comparison) and dropped (the rest: a 500 ms shadow with 8 slots cannot keep up,
 * by design the bounded queue drops). Load average is recorded before and after.
 *
 * Environment: BENCH_REQUESTS (400 per config), BENCH_OUTPUT (BENCHMARKS.md, "-" for none),
 * DATABASE_URL (a server to create a database on, default postgres://postgres@127.0.0.1:5432),
 * BENCH_SKIP_BUILD=1 (reuse the last build).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, killAllSync, startNode, stopProcess } from './lib/procs.mjs';
import { percentile } from './lib/stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'apps/gateway/.bench-shadow-dist');
const REQUESTS = Number(process.env.BENCH_REQUESTS || 400);
const ROUNDS = 4;
const CONCURRENCY = 8;
const FAST_MS = 20;
const SLOW_MS = 500;
const output = process.env.BENCH_OUTPUT === '-' ? null : resolve(ROOT, process.env.BENCH_OUTPUT || 'BENCHMARKS.md');
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const logDir = mkdtempSync(join(os.tmpdir(), 'aigw-shadow-bench-'));
const log = (...a) => console.log(...a);

process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function build() {
  if (/^(1|true|yes)$/i.test(process.env.BENCH_SKIP_BUILD ?? '')) return;
  log('building the gateway into apps/gateway/.bench-shadow-dist …');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'apps/gateway/tsconfig.build.json', '--outDir', OUT_DIR], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`build failed:\n${(r.stdout + r.stderr).split('\n').slice(-40).join('\n')}`);
    process.exit(1);
  }
}

async function freshDatabase() {
  const name = `aigw_shadow_bench_${Date.now()}`;
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

/** An OpenAI-style upstream answering every chat completion after `delayMs`. */
function upstream(delayMs) {
  let served = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const timer = setTimeout(() => {
        served++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'the same short answer' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } }));
      }, delayMs);
      res.on('close', () => clearTimeout(timer));
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}/v1`, served: () => served })));
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

/** `count` chat completions through `configId`, CONCURRENCY at a time; the client's latencies in ms. */
async function measure(port, apiKey, configId, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const latencies = [];
  let next = 0;
  const one = () =>
    new Promise((done, fail) => {
      const started = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-portkey-api-key': apiKey, 'x-portkey-config': configId } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) return fail(new Error(`status ${res.statusCode}`));
            latencies.push(performance.now() - started);
            done();
          });
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  const worker = async () => {
    while (next++ < count) await one();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return latencies;
}

build();
const db = await freshDatabase();
const [fast, slow] = await Promise.all([upstream(FAST_MS), upstream(SLOW_MS)]);
const port = await freePort();
const email = 'bench@example.com';
const password = randomBytes(12).toString('hex');
const loadBefore = os.loadavg();
const gateway = await startNode({
  name: 'gateway',
  args: [join(OUT_DIR, 'main.js')],
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
    REDIS_URL: '',
  },
  logFile: join(logDir, 'gateway.log'),
  readyUrl: `http://127.0.0.1:${port}/health`,
});

try {
  const login = await fetch(`http://127.0.0.1:${port}/admin/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const { token } = await login.json();
  const [ws] = await admin(port, token, 'GET', '/workspaces');
  const w = (path) => `/workspaces/${ws.id}${path}`;
  const { key } = await admin(port, token, 'POST', w('/api-keys'), { name: 'bench' });
  const vk = async (name, url) => (await admin(port, token, 'POST', w('/virtual-keys'), { name, provider: 'openai', secret: { apiKey: 'sk-bench' }, settings: { customHost: url } })).slug;
  const [fastKey, slowKey] = [await vk('fast', fast.url), await vk('slow', slow.url)];
  const config = async (name, body) => (await admin(port, token, 'POST', w('/configs'), { name, config: body })).id;
  const slowConfig = await config('slow-shadow', { virtual_key: slowKey });
  const plain = await config('no-shadow', { virtual_key: fastKey });
  const shadowed = await config('with-slow-shadow', { virtual_key: fastKey, shadow: { config_id: slowConfig, sample_rate: 1 } });

  // Warm-up: connections, caches, JIT. Then rounds alternating between the two configs.
  await measure(port, key, plain, 100);
  await measure(port, key, shadowed, 100);
  // Let the warm-up's shadows drain so the first measured round starts from an empty queue.
  await new Promise((r) => setTimeout(r, ((100 * SLOW_MS) / 8) + 1000));
  const without = [];
  const withShadow = [];
  for (let round = 0; round < ROUNDS; round++) {
    without.push(...(await measure(port, key, plain, REQUESTS / ROUNDS)));
    withShadow.push(...(await measure(port, key, shadowed, REQUESTS / ROUNDS)));
  }
  const loadAfter = os.loadavg();

  // Shadows still queued finish (at most 8 slots × 500 ms per queued shadow), then are counted.
  let shadowRows = 0;
  for (let stable = 0, last = -1; stable < 3; ) {
    await new Promise((r) => setTimeout(r, 1_500));
    const report = await admin(port, token, 'GET', w(`/shadow/comparison?configId=${shadowed}`));
    shadowRows = report.total?.requests ?? 0;
    stable = shadowRows === last ? stable + 1 : 0;
    last = shadowRows;
  }
  const sentWithShadow = REQUESTS + 100; // warm-up included: every request of that config was drawn (rate 1)

  const stats = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const a = stats(without);
  const b = stats(withShadow);
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const table = [
    `### Shadow traffic: the client's latency with a slow shadow (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `\`node bench/shadow.mjs\`: built gateway with its control plane (Postgres), ${REQUESTS} requests per config in ${ROUNDS} alternating rounds, ${CONCURRENCY} at a time; primary upstream answers in ${FAST_MS} ms, the shadow config's in ${SLOW_MS} ms; sample rate 1, default GATEWAY_SHADOW_CONCURRENCY=8 and GATEWAY_SHADOW_QUEUE=100. Load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadAfter)} after, on ${os.cpus().length} shared cores.`,
    '',
    '| config | client p50 | client p99 |',
    '| --- | --- | --- |',
    `| no shadow | ${fmt(a.p50)} | ${fmt(a.p99)} |`,
    `| slow shadow, every request | ${fmt(b.p50)} | ${fmt(b.p99)} |`,
    '',
    `Shadows run and logged: ${shadowRows} of ${sentWithShadow} drawn (warm-up included); the other ${sentWithShadow - shadowRows} were dropped by the full queue, as designed (a ${SLOW_MS} ms shadow in 8 slots keeps up with about ${Math.round((8 * 1000) / SLOW_MS)} requests/s). The slow upstream served ${slow.served()} requests.`,
    '',
  ].join('\n');
  log(table);
  if (output) appendFileSync(output, `\n${table}`);
} finally {
  await stopProcess(gateway);
  fast.server.close();
  slow.server.close();
  await db.drop().catch(() => undefined);
  rmSync(OUT_DIR, { recursive: true, force: true });
}
