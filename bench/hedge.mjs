#!/usr/bin/env node
/**
 * Hedging benchmark (`npm run bench:hedge`): p50/p95/p99 latency through the built gateway against
 * two upstream targets with a heavy latency tail (most answers in ~20 ms, 5% in ~600 ms), without
 * a hedge, with a fixed hedge (`after_ms: 60`) and with `after_ms: "p95"`, in one run. Requests
 * are latency-bound (the upstream sleeps), so the figures say little about CPU and much about the
 * tail. Then the same for streams whose upstream sends its 200 at once and stalls before the first
 * chunk in the tail (the time to the first body byte, which hedges on the first chunk cut). Prints
 * Markdown tables; `--write` appends them to BENCHMARKS.md.
 */
import http from 'node:http';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, killAllSync, startNode, stopProcess } from './lib/procs.mjs';
import { percentile } from './lib/stats.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.argv.find((a) => a.startsWith('--requests='))?.split('=')[1] ?? 600);
const CONCURRENCY = 8;
process.on('exit', killAllSync);

/** Two upstreams with the same tail: 95% about 20 ms, 5% about 600 ms (seeded, so runs compare). */
function tailUpstream(seed) {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const delay = random() < 0.05 ? 600 : 15 + random() * 10;
      if (body.includes('"stream":true')) {
        // Headers at once, then the first chunk after the delay: a stall only a first-chunk hedge sees.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        const chunk = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: null }] };
        const timer = setTimeout(() => res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`), delay);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      const timer = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
      }, delay);
      res.on('close', () => clearTimeout(timer));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

function configFor(hedge, a, b) {
  const targets = [a, b].map((url) => ({ provider: 'openai', api_key: 'k', custom_host: url }));
  return JSON.stringify({ strategy: { mode: 'fallback' }, ...(hedge ? { hedge } : {}), targets });
}

/** Latency per request: to the end of the answer, or for a stream to its first body byte. */
async function measure(port, config, stream = false) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: 'hi' }] });
  const latencies = [];
  let hedges = 0;
  let next = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-portkey-config': config } }, (res) => {
        let firstByte;
        res.on('data', () => (firstByte ??= performance.now()));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          latencies.push((stream ? firstByte : performance.now()) - started);
          hedges += Number(res.headers['x-portkey-hedge-count'] ?? 0);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next++ < REQUESTS) await one();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  latencies.sort((x, y) => x - y);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), hedgeRate: hedges / REQUESTS };
}

const logDir = join(ROOT, 'bench/results');
mkdirSync(logDir, { recursive: true });
const [a, b] = await Promise.all([tailUpstream(1), tailUpstream(2)]);
const port = await freePort();
const gateway = await startNode({
  name: 'gateway',
  args: [join(ROOT, 'apps/gateway/dist/main.js')],
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', GATEWAY_DATABASE: 'off' },
  logFile: join(logDir, 'hedge-gateway.log'),
  readyUrl: `http://127.0.0.1:${port}/health`,
});

const rows = [];
for (const [label, hedge] of [
  ['no hedge', undefined],
  ['hedge after 60 ms', { after_ms: 60 }],
  ['hedge after p95', { after_ms: 'p95' }],
]) {
  const config = configFor(hedge, a.url, b.url);
  await measure(port, config); // warm-up (and, for p95, the latency history)
  rows.push([label, await measure(port, config)]);
}
const streamRows = [];
for (const [label, hedge] of [
  ['stream, no hedge', undefined],
  ['stream, hedge after 60 ms', { after_ms: 60 }],
]) {
  const config = configFor(hedge, a.url, b.url);
  await measure(port, config, true);
  streamRows.push([label, await measure(port, config, true)]);
}
await stopProcess(gateway);
a.server.close();
b.server.close();

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const table = [
  `### Hedging against a heavy latency tail (${new Date().toISOString().slice(0, 10)}, ${REQUESTS} requests, ${CONCURRENCY} at a time)`,
  '',
  'Two upstream targets, each answering 95% of requests in 15-25 ms and 5% in 600 ms; fallback config over both.',
  '',
  '| config | p50 | p95 | p99 | hedges sent per request |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(([label, r]) => `| ${label} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.hedgeRate.toFixed(3)} |`),
  '',
  'Streams: the same targets send their 200 at once and, for 5% of requests, the first chunk 600 ms later; time to the first body byte at the client (a stream is hedged on its first chunk, not its headers).',
  '',
  '| config | p50 | p95 | p99 | hedges sent per request |',
  '| --- | --- | --- | --- | --- |',
  ...streamRows.map(([label, r]) => `| ${label} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.hedgeRate.toFixed(3)} |`),
  '',
].join('\n');
console.log(table);
if (process.argv.includes('--write')) appendFileSync(join(ROOT, 'BENCHMARKS.md'), `\n${table}`);
