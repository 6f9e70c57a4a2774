#!/usr/bin/env node
// `npm run soak [-- --duration 10m]`: steady mixed traffic against the built gateway (control plane
// on, request logging on, fallbacks and retries through the mock provider) while its heap and RSS
// are sampled; writes soak.csv, soak.svg and soak.json to --out and prints a verdict: is RSS flat
// or climbing over the second half? Exit 1 when a request failed or memory climbed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, killAllSync, memoryOf, startNode, stopProcess } from './lib/procs.mjs';
import { toCsv, toSvg, verdict } from './soak/report.mjs';
import { createDatabase, seedControlPlane } from './soak/setup.mjs';
import { requestKinds, runTraffic } from './soak/traffic.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** "10m", "90s", "600" (seconds) → milliseconds. */
function parseDuration(text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(String(text).trim());
  if (!m) throw new Error(`--duration: expected e.g. 10m, 90s or 600, got "${text}"`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'];
}

const { values: opt } = parseArgs({
  options: {
    duration: { type: 'string', default: '10m' },
    rate: { type: 'string', default: '100' },
    connections: { type: 'string', default: '8' },
    sample: { type: 'string', default: '5s' },
    out: { type: 'string', default: 'bench/soak-results' },
    postgres: { type: 'string', default: process.env.SOAK_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
    'max-slope': { type: 'string', default: '0.5' },
    'skip-build': { type: 'boolean', default: false },
  },
});

const durationMs = parseDuration(opt.duration);
const sampleMs = parseDuration(opt.sample);
const rate = Number(opt.rate);
const connections = Number(opt.connections);
const outDir = path.resolve(ROOT, opt.out);
const logs = mkdtempSync(path.join(os.tmpdir(), 'aigw-soak-'));
process.on('exit', killAllSync);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));
// A hung gateway must not hold the machine forever: the whole run gets the duration plus 5 minutes.
setTimeout(() => {
  console.error('soak: hard time limit reached');
  process.exit(1);
}, durationMs + 300_000).unref();

const log = (line) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);
log(`duration ${durationMs / 1000} s, ~${rate} req/s over ${connections} connections, memory every ${sampleMs / 1000} s; logs in ${logs}`);

if (!opt['skip-build']) {
  log('building the gateway and the mock provider');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=@aigw/gateway,@aigw/mock-provider', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  });
  if (build.status !== 0) process.exit(1);
}

const mockPort = await freePort();
const mockUrl = `http://127.0.0.1:${mockPort}`;
const mock = await startNode({
  name: 'mock-provider',
  args: [path.join(ROOT, 'apps/mock-provider/dist/cli.js'), '--port', String(mockPort)],
  env: process.env,
  cwd: ROOT,
  logFile: path.join(logs, 'mock.log'),
  readyUrl: `${mockUrl}/__mock/health`,
});
// The fallback config's first target always answers 429.
await fetch(`${mockUrl}/__mock/scenarios`, { method: 'POST', body: JSON.stringify({ model: 'soak-down', steps: [{ status: 429 }], repeatLast: true }) });

const db = await createDatabase(opt.postgres);
log(`database ${db.name}`);
const memoryFile = path.join(logs, 'memory.jsonl');
const admin = { email: 'soak@example.com', password: randomBytes(12).toString('hex') };
const gwPort = await freePort();
const gatewayUrl = `http://127.0.0.1:${gwPort}`;
const gateway = await startNode({
  name: 'gateway',
  args: ['--import', path.join(ROOT, 'bench/soak/memory-probe.mjs'), path.join(ROOT, 'apps/gateway/dist/main.js')],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(gwPort),
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // Short backoff: the retries are there to exercise the path, not to wait.
    GATEWAY_RETRY_BASE_MS: '5',
    GATEWAY_RETRY_CAP_MS: '20',
    SOAK_MEMORY_FILE: memoryFile,
    SOAK_SAMPLE_MS: String(sampleMs),
  },
  cwd: ROOT,
  logFile: path.join(logs, 'gateway.log'),
  readyUrl: `${gatewayUrl}/health`,
});
const seed = await seedControlPlane(gatewayUrl, mockUrl, admin);
log(`gateway pid ${gateway.pid} on ${gatewayUrl}; seeded ${JSON.stringify({ ...seed, apiKey: '***' })}`);

const stats = { ok: 0, failed: 0, problems: [], byKind: {} };
const samples = [];
let seen = 0;
// Each probe line becomes a sample, tagged with the traffic counters at the time it is read.
const collect = () => {
  if (!existsSync(memoryFile)) return;
  const lines = readFileSync(memoryFile, 'utf8').split('\n').filter(Boolean);
  for (const line of lines.slice(seen)) samples.push({ ...JSON.parse(line), ok: stats.ok, failed: stats.failed });
  seen = lines.length;
};
const started = Date.now();
const collector = setInterval(collect, 1000);
const progress = setInterval(() => {
  const last = samples.at(-1);
  log(`${Math.round((Date.now() - started) / 1000)} s: ${stats.ok} ok, ${stats.failed} failed; RSS ${(last?.rss / 2 ** 20).toFixed(1)} MiB, heap used ${(last?.heapUsed / 2 ** 20).toFixed(1)} MiB`);
}, 30_000);

await runTraffic({ kinds: requestKinds({ gatewayUrl, mockUrl, seed }), connections, rate, until: () => Date.now() - started >= durationMs, stats });
clearInterval(progress);
clearInterval(collector);
collect();
const elapsed = (Date.now() - started) / 1000;
const peak = memoryOf(gateway.pid);

await stopProcess(gateway, 20_000); // SIGTERM flushes the request-log queue
const logged = Number((await db.query('SELECT count(*)::int AS n FROM request_logs'))[0].n);
await db.drop();
await stopProcess(mock);

const result = verdict(samples, { maxMiBPerMin: Number(opt['max-slope']) });
const MiB = (b) => (b / 2 ** 20).toFixed(1);
const summary = {
  date: new Date().toISOString(),
  durationSeconds: Math.round(elapsed),
  requests: { ok: stats.ok, failed: stats.failed, perSecond: +(stats.ok / elapsed).toFixed(1), byKind: stats.byKind, problems: stats.problems },
  requestLogRows: logged,
  samples: samples.length,
  rssMiB: { first: +MiB(samples[0]?.rss), last: +MiB(samples.at(-1)?.rss), max: +MiB(Math.max(...samples.map((s) => s.rss))), peakVmHWM: +MiB(peak.hwm) },
  heapUsedMiB: { first: +MiB(samples[0]?.heapUsed), last: +MiB(samples.at(-1)?.heapUsed), max: +MiB(Math.max(...samples.map((s) => s.heapUsed))) },
  ...result,
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
};
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'soak.csv'), toCsv(samples));
writeFileSync(path.join(outDir, 'soak.svg'), toSvg(samples, { result, title: `Gateway memory, ${Math.round(elapsed / 60)} min soak at ~${summary.requests.perSecond} req/s` }));
writeFileSync(path.join(outDir, 'soak.json'), `${JSON.stringify(summary, null, 2)}\n`);

log(`${stats.ok} ok, ${stats.failed} failed (${summary.requests.perSecond} req/s); ${logged} request-log rows`);
log(`RSS ${summary.rssMiB.first} → ${summary.rssMiB.last} MiB (max ${summary.rssMiB.max}), heap used ${summary.heapUsedMiB.first} → ${summary.heapUsedMiB.last} MiB`);
log(`second half: RSS ${result.rssMiBPerMin.toFixed(3)} MiB/min, heap used ${result.heapMiBPerMin.toFixed(3)} MiB/min → ${result.verdict.toUpperCase()} (limit ${result.maxMiBPerMin} MiB/min)`);
if (stats.problems.length) log(`first problems:\n  ${stats.problems.join('\n  ')}`);
log(`wrote ${path.relative(ROOT, outDir)}/soak.{csv,svg,json}`);
process.exit(stats.failed === 0 && result.verdict === 'flat' ? 0 : 1);
