#!/usr/bin/env node
// `npm run bench`: builds the workspace, starts the mock provider, then measures, in alternating
// rounds, the mock directly, our gateway and the reference gateway (Portkey's, from npm), each
// gateway in a fresh process per round; prints medians and spreads across rounds with the targets'
// verdicts, writes BENCHMARKS.md at the repository root and our gateway's memory curve (SVG).
// See bench/README.md.
//
// Environment:
//   BENCH_PAIRS=3           rounds; each starts a fresh process of each gateway (order flipped every round)
//   BENCH_DURATION=10       seconds measured per (target, mode, connections) run
//   BENCH_WARMUP=2          seconds of discarded warm-up before each run
//   BENCH_CONNECTIONS=1,32  connection counts
//   BENCH_SETTLE=15         seconds a gateway is left idle after its load, before "RSS after load"
//   BENCH_SAMPLE_MS=1000    memory curve: our gateway's RSS (and heap) every this many ms
//   BENCH_HEAP_PROBE=1      0: do not load bench/soak/memory-probe.mjs into our gateway (no heap curve)
//   BENCH_TTFB_REQUESTS=300 sequential streamed requests per target and round for time to first byte
//   BENCH_PAIRED_REQUESTS=2000 sequential JSON requests per gateway and round, interleaved with
//                           direct ones, for the unloaded added latency
//   BENCH_IDLE_WAIT=10      before each measurement, wait up to this many seconds for other processes
//                           to use <= 10% of the CPU (the machine may be shared)
//   BENCH_BUSY_RETRIES=1    measure again (keeping the least disturbed attempt) when other processes
//                           used > 10% of the CPU during a measurement
//   BENCH_TARGETS=direct,ours,reference   subset to run (direct is always needed for the deltas)
//   BENCH_GATEWAY_NODE_ARGS extra node arguments for our gateway, after apps/gateway/runtime-flags.json's
//   BENCH_SKIP_BUILD=1      use the existing dist/ folders instead of running the Nx build
//   BENCH_OUTPUT=path       where to write the report (default: <repo>/BENCHMARKS.md); "-" = don't write
//   BENCH_CURVE=path        the memory curve SVG (default: bench/results/memory-curve.svg with the
//                           default report, else <report>.memory-curve.svg next to it)
//   BENCH_JSON=path         also write the raw results as JSON
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { checkJson, checkStream, measureSequential, request, verifyBody } from './lib/http.mjs';
import { loadRun } from './lib/load.mjs';
import { cpuSnapshot, descendantsMemory, foreignCpu, freePort, killAllSync, memoryOf, startNode, stopProcess, tail } from './lib/procs.mjs';
import { memoryCurveSvg } from './lib/curve.mjs';
import { BUSY_SHARE, consoleSummary, derive, existingNotes, fmtMs, fmtRps, LABELS, markdown, MODES, startCommand, TARGET_ORDER } from './lib/report.mjs';
import { readRuntimeFlags } from './lib/runtime-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MOCK_CLI = join(ROOT, 'apps/mock-provider/dist/cli.js');
const GATEWAY_MAIN = join(ROOT, 'apps/gateway/dist/main.js');
const REFERENCE_DIR = join(ROOT, 'node_modules/@portkey-ai/gateway');
const REFERENCE_START = join(REFERENCE_DIR, 'build/start-server.js');
const NX = join(ROOT, 'node_modules/nx/dist/bin/nx.js');
const RUNTIME_FLAGS = join(ROOT, 'apps/gateway/runtime-flags.json');
const MEMORY_PROBE = join(ROOT, 'bench/soak/memory-probe.mjs');

// ---------------------------------------------------------------- configuration

function numberEnv(name, fallback, { min = 0, integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    console.error(`${name} must be a${integer ? 'n integer' : ' number'} >= ${min}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const cfg = {
  pairs: numberEnv('BENCH_PAIRS', 3, { min: 1, integer: true }),
  settleS: numberEnv('BENCH_SETTLE', 15, { min: 0 }),
  sampleMs: numberEnv('BENCH_SAMPLE_MS', 1000, { min: 100, integer: true }),
  heapProbe: !/^(0|false|no)$/i.test(process.env.BENCH_HEAP_PROBE ?? ''),
  extraNodeArgs: (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  durationS: numberEnv('BENCH_DURATION', 10, { min: 1 }),
  warmupS: numberEnv('BENCH_WARMUP', 2, { min: 0 }),
  ttfbCount: numberEnv('BENCH_TTFB_REQUESTS', 300, { min: 1, integer: true }),
  idleWaitS: numberEnv('BENCH_IDLE_WAIT', 10, { min: 0 }),
  busyRetries: numberEnv('BENCH_BUSY_RETRIES', 1, { min: 0, integer: true }),
  pairedCount: numberEnv('BENCH_PAIRED_REQUESTS', 2000, { min: 1, integer: true }),
  connections: (process.env.BENCH_CONNECTIONS || '1,32').split(',').map((s) => Number(s.trim())),
  targets: (process.env.BENCH_TARGETS || 'direct,ours,reference').split(',').map((s) => s.trim()),
  skipBuild: /^(1|true|yes)$/i.test(process.env.BENCH_SKIP_BUILD ?? ''),
  output: process.env.BENCH_OUTPUT === '-' ? null : resolve(ROOT, process.env.BENCH_OUTPUT || 'BENCHMARKS.md'),
  json: process.env.BENCH_JSON ? resolve(process.env.BENCH_JSON) : null,
};
// The memory curve: next to the report (bench/results/ for the committed BENCHMARKS.md, so a trial
// run written elsewhere does not overwrite the committed plot).
cfg.curve = process.env.BENCH_CURVE
  ? resolve(ROOT, process.env.BENCH_CURVE)
  : !cfg.output
    ? null
    : cfg.output === resolve(ROOT, 'BENCHMARKS.md')
      ? join(ROOT, 'bench/results/memory-curve.svg')
      : join(dirname(cfg.output), `${basename(cfg.output).replace(/\.md$/i, '')}.memory-curve.svg`);
let runtimeFlags;
try {
  runtimeFlags = readRuntimeFlags(RUNTIME_FLAGS);
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exit(2);
}
// As with `npm start` (scripts/start.mjs): a variable already set in the environment wins over the file's.
const flagEnvOverridden = Object.keys(runtimeFlags.env).filter((k) => process.env[k] !== undefined && process.env[k] !== runtimeFlags.env[k]);
const effectiveFlagEnv = Object.fromEntries(Object.entries(runtimeFlags.env).map(([k, v]) => [k, process.env[k] ?? v]));
cfg.ttfbWarmup = Math.min(30, Math.ceil(cfg.ttfbCount / 10));
cfg.pairedWarmup = Math.min(200, Math.ceil(cfg.pairedCount / 10));
if (cfg.connections.some((c) => !Number.isInteger(c) || c < 1)) {
  console.error(`BENCH_CONNECTIONS must be positive integers, got "${process.env.BENCH_CONNECTIONS}"`);
  process.exit(2);
}
for (const t of cfg.targets) {
  if (!['direct', 'ours', 'reference'].includes(t)) {
    console.error(`BENCH_TARGETS: unknown target "${t}" (direct, ours, reference)`);
    process.exit(2);
  }
}
if (!cfg.targets.includes('direct')) cfg.targets.unshift('direct'); // the baseline for every delta
cfg.targets = TARGET_ORDER.filter((t) => cfg.targets.includes(t));

const BODY = {
  json: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }] }),
  stream: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], stream: true }),
};
const PATH = '/v1/chat/completions';

// ---------------------------------------------------------------- clean-up on every exit path

let shuttingDown = false;
process.on('exit', () => killAllSync());
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.error(`\n${sig}: stopping child processes.`);
    killAllSync();
    process.exit(130);
  });
}
process.on('uncaughtException', (e) => {
  console.error('bench: unexpected error:', e);
  killAllSync();
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  console.error('bench: unexpected error:', e);
  killAllSync();
  process.exit(1);
});

// ---------------------------------------------------------------- helpers

const log = (...a) => console.log(...a);
const problems = [];
function problem(text) {
  problems.push(text);
  console.error(`  ! ${text}`);
}

function runCommand(cmd, args, { env, timeoutMs }) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      keep(`\n(bench: killed after ${timeoutMs / 1000} s)\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, output });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolveRun({ code: null, signal: null, output: `${output}\n${e.message}` });
    });
  });
}

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '?');
const BUSY = BUSY_SHARE; // share of the machine used by other processes above which a run is flagged

/** Watches, for ~1 s, how much CPU processes other than ours use. */
async function idleCheck(groups) {
  const a = cpuSnapshot();
  await sleep(1000);
  return foreignCpu(a, cpuSnapshot(), groups);
}
/** Waits (up to BENCH_IDLE_WAIT s) until other processes use <= BUSY of the CPU over half a second. */
async function waitForQuiet(groups) {
  const deadline = Date.now() + cfg.idleWaitS * 1000;
  let waited = false;
  for (;;) {
    const a = cpuSnapshot();
    await sleep(500);
    const x = foreignCpu(a, cpuSnapshot(), groups);
    if (!(x.share > BUSY)) {
      if (waited) log(`    (quiet again: other processes at ${pct(x.share)})`);
      return x;
    }
    if (Date.now() >= deadline) {
      log(`    (gave up waiting after ${cfg.idleWaitS} s: other processes at ${pct(x.share)}; measuring anyway)`);
      return x;
    }
    if (!waited) log(`    waiting for other processes to quieten (${pct(x.share)} of the CPU: ${x.top.join(', ')}) …`);
    waited = true;
  }
}

/**
 * The mock provider, supervised: the machine is shared, and a process killed from outside (e.g. a
 * neighbour's `pkill -f mock-provider`) must not turn into a page of connection errors reported as
 * figures. It is restarted on the same port, and the measurement it spoiled is redone.
 */
const mockCtl = {
  proc: null,
  port: 0,
  logFile: '',
  restarts: 0,
  async start() {
    this.proc = await startNode({
      name: 'mock provider',
      args: [MOCK_CLI, '--port', String(this.port), '--host', '127.0.0.1'],
      env: { ...process.env, NODE_ENV: 'production' },
      cwd: ROOT,
      logFile: this.logFile,
      readyUrl: `http://127.0.0.1:${this.port}/v1/models`,
      timeoutMs: 20_000,
    });
  },
  /** True if it had died (and was restarted). */
  async ensure(during) {
    if (this.proc.isAlive()) return false;
    const ex = await this.proc.exitPromise;
    problem(
      `The mock provider (pid ${this.proc.pid}) exited during ${during} (exit code ${ex.code}, signal ${ex.signal}); the benchmark did not stop it, so another process killed it or it crashed (log ${this.logFile}). It was restarted and the measurement redone.`,
    );
    if (++this.restarts > 3) throw new Error('the mock provider keeps exiting; giving up');
    await this.start();
    return true;
  },
};

class GatewayDied extends Error {}

/**
 * Runs a measurement on a quiet machine if possible; redoes it if a neighbour got busy meanwhile
 * (keeping the least disturbed attempt) or if the mock provider died during it.
 */
async function measure(what, ctx, fn) {
  const once = async () => {
    for (;;) {
      await waitForQuiet(ctx.groups());
      const r = await fn();
      if (await mockCtl.ensure(`${ctx.label}, ${what}`)) continue;
      if (ctx.proc && !ctx.proc.isAlive()) {
        const ex = await ctx.proc.exitPromise;
        throw new GatewayDied(`${ctx.label} exited during ${what} (exit code ${ex.code}, signal ${ex.signal}). Log ${ctx.proc.logFile}:\n${tail(ctx.proc.logFile, 15)}`);
      }
      return r;
    }
  };
  let r = await once();
  for (let attempt = 1; attempt <= cfg.busyRetries && r.foreignCpu > BUSY; attempt++) {
    log(`    ${what}: other processes used ${pct(r.foreignCpu)} of the CPU${topText(r)}; measuring again`);
    const again = await once();
    if (!(again.foreignCpu >= r.foreignCpu)) r = again;
  }
  return r;
}

const topText = (x) => (x.foreignTop?.length ? ` (${x.foreignTop.join(', ')})` : '');

const lastLines = (text, n) => text.trimEnd().split('\n').slice(-n).join('\n');

async function gitInfo() {
  const head = await runCommand('git', ['rev-parse', '--short=10', 'HEAD'], { env: process.env, timeoutMs: 10_000 });
  const status = await runCommand('git', ['status', '--porcelain', '--untracked-files=no'], { env: process.env, timeoutMs: 10_000 });
  return {
    commit: head.code === 0 ? head.output.trim() : 'unknown',
    dirty: status.code === 0 ? status.output.trim().length > 0 : false,
  };
}

function pkgVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function targetFor(name, port, mockPort) {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
  if (name !== 'direct') {
    headers['x-portkey-provider'] = 'openai';
    headers['x-portkey-custom-host'] = `http://127.0.0.1:${mockPort}/v1`;
  }
  return { name, host: '127.0.0.1', port, path: PATH, headers, url: `http://127.0.0.1:${port}${PATH}` };
}

/** How the control plane of our gateway is set up, in words, for the report. */
function controlPlaneText(env) {
  if (env.GATEWAY_DATABASE === 'off') return 'OFF (`GATEWAY_DATABASE=off`: no request log); the memory targets ask for it on';
  if (env.DATABASE_URL) {
    let where = 'a server';
    try {
      const u = new URL(env.DATABASE_URL);
      where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      /* keep the vague text */
    }
    return `on, request logging on: Postgres at ${where} (\`DATABASE_URL\` from the environment)`;
  }
  return 'on, request logging on: embedded Postgres in `.data/` (no `DATABASE_URL`), as a default deployment';
}

/** A gateway's RSS from /proc every `cfg.sampleMs`, with seconds since `t0` (its spawn). */
function rssSampler(t0) {
  const samples = [];
  let timer = null;
  return {
    samples,
    start(pid) {
      const take = () => {
        const m = memoryOf(pid);
        if (Number.isFinite(m.rss)) samples.push({ s: (Date.now() - t0) / 1000, rss: m.rss });
      };
      take();
      timer = setInterval(take, cfg.sampleMs);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** The heap samples written by bench/soak/memory-probe.mjs (JSON lines), seconds since `t0`. */
function readHeapFile(file, t0) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const x = JSON.parse(line);
        return [{ s: (x.t - t0) / 1000, heapUsed: x.heapUsed, heapTotal: x.heapTotal, rss: x.rss }];
      } catch {
        return []; // a line cut short when the process was stopped
      }
    });
}

// ---------------------------------------------------------------- the run

let logDir;
let oursBuilt = false;
let mockPort = 0;

/** One target in one round: start (gateways), pre-flight, load, settle, sequential measurements, stop. */
async function measureTarget(name, round) {
  const tag = `${LABELS[name]}, round ${round}`;
  const entry = { label: LABELS[name], load: {}, skipReason: {} };
  log(`\n=== round ${round}/${cfg.pairs}: ${LABELS[name]} ===`);
  await mockCtl.ensure(`the pause before ${tag}`);
  if (name === 'ours' && !oursBuilt) {
    entry.reason = 'not built';
    log('  skipped: our gateway did not build (see above)');
    return entry;
  }
  if (name === 'reference' && !existsSync(REFERENCE_START)) {
    entry.reason = 'not installed';
    return entry;
  }

  let proc = null;
  let port = mockPort;
  const t0 = Date.now();
  const phases = [];
  const phase = async (label, fn) => {
    const from = (Date.now() - t0) / 1000;
    try {
      return await fn();
    } finally {
      phases.push({ from, to: (Date.now() - t0) / 1000, label });
    }
  };
  const sampler = rssSampler(t0);
  const heapFile = join(logDir, `heap-${name}-round${round}.jsonl`);
  if (name !== 'direct') {
    port = await freePort();
    const spec =
      name === 'ours'
        ? {
            args: [...runtimeFlags.nodeArgs, ...cfg.extraNodeArgs, ...(cfg.heapProbe ? ['--import', MEMORY_PROBE] : []), GATEWAY_MAIN],
            env: {
              ...runtimeFlags.env,
              ...process.env,
              PORT: String(port),
              HOST: '127.0.0.1',
              NODE_ENV: 'production',
              ...(cfg.heapProbe ? { SOAK_MEMORY_FILE: heapFile, SOAK_SAMPLE_MS: String(cfg.sampleMs) } : {}),
            },
          }
        : { args: [REFERENCE_START, `--port=${port}`, '--headless'], env: { ...process.env, NODE_ENV: 'production' } };
    try {
      proc = await phase('start', () =>
        startNode({
          name: LABELS[name],
          ...spec,
          cwd: ROOT,
          logFile: join(logDir, `${name}-round${round}.log`),
          readyUrl: `http://127.0.0.1:${port}/`,
          timeoutMs: 90_000,
          onSpawn: (child) => sampler.start(child.pid),
        }),
      );
    } catch (e) {
      sampler.stop();
      entry.reason = 'failed to start';
      problem(`${tag} failed to start: ${e.message}`);
      return entry;
    }
    const m = memoryOf(proc.pid);
    entry.memory = { pid: proc.pid, process: m.name, startRss: m.rss, startHwm: m.hwm };
    log(`  started pid ${proc.pid} (${m.name}) on port ${port} in ${(proc.startupMs / 1000).toFixed(1)} s, RSS ${(m.rss / 1e6).toFixed(1)} MB`);
  }

  const target = targetFor(name, port, mockPort);
  const ctx = { label: tag, proc, groups: () => [process.pid, mockCtl.proc.pid, ...(proc ? [proc.pid] : [])] };
  const cpu = { snapshot: cpuSnapshot, share: (a, b) => foreignCpu(a, b, ctx.groups()) };
  try {
    // Pre-flight: one request of each kind must answer correctly.
    const usable = {};
    for (const mode of MODES) {
      let err;
      try {
        const res = await request(target, BODY[mode]);
        err = mode === 'json' ? checkJson(res) : checkStream(res);
      } catch (e) {
        err = `request failed: ${e.message}`;
      }
      usable[mode] = !err;
      if (err) {
        entry.skipReason[mode] = 'failed pre-flight check';
        problem(`${tag}, ${mode}: pre-flight request failed, not benchmarked — ${err}`);
      } else {
        log(`  pre-flight ${mode}: OK`);
      }
    }

    for (const mode of MODES) {
      if (!usable[mode]) continue;
      entry.load[mode] = {};
      for (const connections of cfg.connections) {
        const r = await phase(`${mode === 'json' ? 'JSON' : 'SSE'} c=${connections}`, () =>
          measure(`${mode} c=${connections}`, ctx, () =>
            loadRun({
              url: target.url,
              headers: target.headers,
              body: BODY[mode],
              connections,
              durationS: cfg.durationS,
              warmupS: cfg.warmupS,
              verify: verifyBody[mode],
              cpu,
            }),
          ),
        );
        entry.load[mode][connections] = r;
        log(
          `  ${mode.padEnd(6)} c=${String(connections).padEnd(3)} ${fmtRps(r.rps).padStart(7)} req/s   p50 ${fmtMs(r.p50)} ms   p99 ${fmtMs(r.p99, 2)} ms   mean ${fmtMs(r.mean)} ms` +
            `   other CPU ${pct(r.foreignCpu)}` +
            (r.non2xx || r.errors || r.mismatches ? `   non-2xx ${r.non2xx} ${JSON.stringify(r.statusCodes)} errors ${r.errors} mismatches ${r.mismatches}` : ''),
        );
        if (r.non2xx || r.errors || r.mismatches) {
          problem(`${tag}, ${mode} at ${connections} connections: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts, ${r.mismatches} bad bodies`);
        }
        if (r.foreignCpu > BUSY) {
          problem(`${tag}, ${mode} at ${connections} connections: other processes used ${pct(r.foreignCpu)} of the CPU during the run${topText(r)} (figures skewed).`);
        }
      }
    }

    // Memory after the load: the gateway left idle for BENCH_SETTLE s (before the light sequential
    // measurements, which would otherwise count as load).
    if (proc && (usable.json || usable.stream)) {
      entry.memory.loadHwm = memoryOf(proc.pid).hwm;
      await phase(`idle ${cfg.settleS} s`, () => sleep(cfg.settleS * 1000));
      if (!proc.isAlive()) throw new GatewayDied(`${tag} exited while idle after its load. Log ${proc.logFile}:\n${tail(proc.logFile, 15)}`);
      const m = memoryOf(proc.pid);
      entry.memory.afterLoadRss = m.rss;
      log(
        `  RSS ${(entry.memory.startRss / 1e6).toFixed(1)} MB after start → peak ${(entry.memory.loadHwm / 1e6).toFixed(1)} MB under load → ${(m.rss / 1e6).toFixed(1)} MB ${cfg.settleS} s after it`,
      );
    }

    const direct = targetFor('direct', mockPort, mockPort);
    if (usable.json && name !== 'direct') {
      log(`  unloaded added latency: ${cfg.pairedCount} JSON requests, interleaved with direct ones …`);
      const x = await phase('sequential', () =>
        measure('added latency', ctx, () =>
          measureSequential(target, BODY.json, {
            count: cfg.pairedCount,
            warmup: cfg.pairedWarmup,
            metric: 'totalMs',
            check: checkJson,
            cpu,
            baseline: direct,
          }),
        ),
      );
      entry.paired = x;
      log(
        `  JSON c=1: p50 ${fmtMs(x.p50)} ms vs direct ${fmtMs(x.baseline.p50)} ms → added ${fmtMs(x.p50 - x.baseline.p50)} ms (median of paired differences ${fmtMs(x.pairedDiff.p50)} ms)   other CPU ${pct(x.foreignCpu)}${x.failures ? `   failures ${x.failures}` : ''}`,
      );
      if (x.failures) problem(`${tag}, added-latency measurement: ${x.failures} failed requests (first: ${x.firstFailure})`);
      if (x.foreignCpu > BUSY) problem(`${tag}, added-latency measurement: other processes used ${pct(x.foreignCpu)} of the CPU${topText(x)} (figures skewed).`);
    }

    if (usable.stream) {
      log(`  stream first byte: ${cfg.ttfbCount} sequential requests${name === 'direct' ? '' : ', interleaved with direct ones'} …`);
      const x = await phase('first byte', () =>
        measure('first byte', ctx, () =>
          measureSequential(target, BODY.stream, {
            count: cfg.ttfbCount,
            warmup: cfg.ttfbWarmup,
            metric: 'firstByteMs',
            check: checkStream,
            cpu,
            baseline: name === 'direct' ? undefined : direct,
          }),
        ),
      );
      entry.ttfb = x;
      log(
        `  first byte p50 ${fmtMs(x.p50)} ms   p99 ${fmtMs(x.p99, 2)} ms   mean ${fmtMs(x.mean)} ms` +
          (x.baseline ? `   (direct p50 ${fmtMs(x.baseline.p50)} ms → overhead ${fmtMs(x.p50 - x.baseline.p50)} ms)` : '') +
          `   other CPU ${pct(x.foreignCpu)}${x.failures ? `   failures ${x.failures}` : ''}`,
      );
      if (x.failures) problem(`${tag}, first-byte measurement: ${x.failures} failed requests (first: ${x.firstFailure})`);
      if (x.foreignCpu > BUSY) problem(`${tag}, first-byte measurement: other processes used ${pct(x.foreignCpu)} of the CPU${topText(x)} (figures skewed).`);
    }

    if (proc) {
      if (!proc.isAlive()) {
        problem(`${tag} exited during the benchmark. Log ${proc.logFile}:\n${tail(proc.logFile, 15)}`);
      } else {
        const m = memoryOf(proc.pid);
        // The kernel folds the current RSS into VmHWM lazily (a later reading can be a few hundred
        // kB lower than an earlier one): the peak is the highest of every reading and RSS sample.
        entry.memory.hwm = Math.max(...[m.hwm, entry.memory.startHwm, entry.memory.loadHwm, entry.memory.afterLoadRss, ...sampler.samples.map((x) => x.rss)].filter(Number.isFinite));
        entry.memory.endHwm = m.hwm;
        entry.memory.endRss = m.rss;
        entry.memory.children = descendantsMemory(proc.pid);
        const c = entry.memory.children;
        log(
          `  peak RSS (VmHWM) ${(m.hwm / 1e6).toFixed(1)} MB` +
            (c.count ? `; its ${c.count} child processes (${c.names.join(', ')}) use ${(c.pss / 1e6).toFixed(1)} MB PSS` : ''),
        );
      }
    }
  } catch (e) {
    if (!(e instanceof GatewayDied)) throw e;
    entry.reason = 'exited during the benchmark';
    problem(`${e.message} Its remaining measurements were not taken.`);
  } finally {
    if (proc) {
      await phase('stop', () => stopProcess(proc));
      sampler.stop();
      entry.curve = { samples: sampler.samples, heap: name === 'ours' && cfg.heapProbe ? readHeapFile(heapFile, t0) : [], phases };
    }
  }
  return entry;
}

async function main() {
  const started = Date.now();
  const runsPerTarget = MODES.length * cfg.connections.length;
  const perTargetS = runsPerTarget * (cfg.warmupS + cfg.durationS + 1);
  // Sequential measurements, ms per round: the reference holds each stream's first byte ~25 ms.
  const ttfbMs = { direct: 0.5, ours: 2, reference: 30 };
  const pairedMs = { direct: 0, ours: 1.5, reference: 4 };
  const startStopS = { direct: 0, ours: 8, reference: 4 };
  const roundS = cfg.targets.reduce(
    (s, t) =>
      s +
      perTargetS +
      startStopS[t] +
      (t === 'direct' ? 0 : cfg.settleS) +
      (ttfbMs[t] * (cfg.ttfbCount + cfg.ttfbWarmup) + pairedMs[t] * (t === 'direct' ? 0 : cfg.pairedCount + cfg.pairedWarmup)) / 1000,
    0,
  );
  const expectedS = roundS * cfg.pairs + 5;
  const buildBudgetS = cfg.skipBuild ? 0 : 600;
  const measurements = cfg.pairs * cfg.targets.reduce((n, t) => n + runsPerTarget + (t === 'direct' ? 1 : 2), 0);
  const worstS = expectedS * (1 + cfg.busyRetries) + measurements * cfg.idleWaitS * (1 + cfg.busyRetries);

  const meta0 = { runtimeFlags: { nodeArgs: runtimeFlags.nodeArgs, env: effectiveFlagEnv }, extraNodeArgs: cfg.extraNodeArgs, flagEnvOverridden, heapProbe: cfg.heapProbe };
  log('AI gateway benchmark');
  log(`  targets: ${cfg.targets.join(', ')}; modes: ${MODES.join(', ')}; connections: ${cfg.connections.join(', ')}`);
  log(
    `  ${cfg.pairs} round${cfg.pairs === 1 ? '' : 's'}, each with a fresh process of each gateway (order flipped every round); ${cfg.warmupS} s warm-up + ${cfg.durationS} s measured per run, ${cfg.targets.length * runsPerTarget} runs per round; ${cfg.settleS} s idle after each gateway's load; ${cfg.ttfbCount} streamed requests per target and round for first byte`,
  );
  log(`  our gateway: ${startCommand(meta0)}`);
  log(
    `  its flags, from ${relative(ROOT, RUNTIME_FLAGS)}${runtimeFlags.missing ? ' (missing: none)' : ''}: nodeArgs ${JSON.stringify(runtimeFlags.nodeArgs)}, env ${JSON.stringify(runtimeFlags.env)}${cfg.extraNodeArgs.length ? `; plus BENCH_GATEWAY_NODE_ARGS ${JSON.stringify(cfg.extraNodeArgs)}` : ''}${flagEnvOverridden.length ? `; overridden by your environment (as npm start does): ${flagEnvOverridden.map((k) => `${k}=${process.env[k]}`).join(' ')}` : ''}`,
  );
  log(`  control plane: ${controlPlaneText({ ...runtimeFlags.env, ...process.env })}`);
  log(
    `  expected time: about ${Math.ceil(expectedS / 60)} min${cfg.skipBuild ? '' : ' plus the Nx build (usually under a minute)'}; at most ${Math.ceil(worstS / 60)} min if other processes keep the machine busy (waits and re-measurements)`,
  );

  // Hard bound on the whole run (build has its own timeout).
  const budgetMs = (buildBudgetS + worstS * 1.25 + 120) * 1000;
  setTimeout(() => {
    console.error(`\nbench: exceeded the time budget of ${Math.round(budgetMs / 1000)} s; stopping.`);
    killAllSync();
    process.exit(1);
  }, budgetMs).unref();

  logDir = mkdtempSync(join(os.tmpdir(), 'aigw-bench-'));
  log(`  child process logs: ${logDir}\n`);

  // ---- build
  oursBuilt = cfg.targets.includes('ours');
  const nxEnv = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
  const nx = NX;
  if (!cfg.skipBuild) {
    log('Building the workspace: nx run-many -t build …');
    const t0 = Date.now();
    const b = await runCommand(process.execPath, [nx, 'run-many', '-t', 'build', '--outputStyle=static'], { env: nxEnv, timeoutMs: 600_000 });
    if (b.code === 0) {
      log(`  build OK (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } else {
      console.error(`  BUILD FAILED (exit ${b.code ?? b.signal}). Last lines:\n${lastLines(b.output, 40).replace(/^/gm, '    ')}`);
      const failedSection = b.output.split('Failed tasks:')[1] ?? '';
      const failed = [...failedSection.matchAll(/^\s*-\s+(@[\w./-]+:build)\s*$/gm)].map((m) => m[1]);
      const which = failed.length ? ` (failed: ${[...new Set(failed)].join(', ')})` : '';
      if (oursBuilt) problem(`The Nx build failed${which}: our gateway was not benchmarked (see the build output above).`);
      else problem(`The Nx build failed${which}.`);
      oursBuilt = false;
      if (existsSync(MOCK_CLI) && (!failed.length || failed.includes('@aigw/mock-provider:build'))) {
        problem('The mock provider did not build: its existing dist/ from an earlier build was used.');
      }
      if (!existsSync(MOCK_CLI)) {
        log('  building the mock provider alone …');
        const m = await runCommand(process.execPath, [nx, 'run', '@aigw/mock-provider:build', '--outputStyle=static'], { env: nxEnv, timeoutMs: 300_000 });
        if (m.code !== 0) {
          console.error(`  mock provider build failed:\n${lastLines(m.output, 40)}`);
        }
      }
    }
  } else {
    log('BENCH_SKIP_BUILD: using existing dist/ folders.');
  }
  if (!existsSync(MOCK_CLI)) {
    console.error(`\nbench: the mock provider is not built (${MOCK_CLI} missing); nothing can be measured.`);
    process.exit(1);
  }
  if (oursBuilt && !existsSync(GATEWAY_MAIN)) {
    problem(`Our gateway was not benchmarked: ${GATEWAY_MAIN} does not exist after the build.`);
    oursBuilt = false;
  }
  if (cfg.targets.includes('reference') && !existsSync(REFERENCE_START)) {
    problem(`The reference gateway is not installed (${REFERENCE_START} missing): it was not benchmarked.`);
  }

  const results = {
    meta: {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      node: process.version,
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? '?',
      memGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
      os: `${os.type()} ${os.release()}`,
      ...(await gitInfo()),
      autocannonVersion: pkgVersion(join(ROOT, 'node_modules/autocannon')),
      referenceVersion: pkgVersion(REFERENCE_DIR),
      honoVersion: pkgVersion(existsSync(join(REFERENCE_DIR, 'node_modules/@hono/node-server')) ? join(REFERENCE_DIR, 'node_modules/@hono/node-server') : join(ROOT, 'node_modules/@hono/node-server')),
      pairs: cfg.pairs,
      durationS: cfg.durationS,
      warmupS: cfg.warmupS,
      settleS: cfg.settleS,
      sampleMs: cfg.sampleMs,
      connections: cfg.connections,
      ttfbCount: cfg.ttfbCount,
      ttfbWarmup: cfg.ttfbWarmup,
      pairedCount: cfg.pairedCount,
      pairedWarmup: cfg.pairedWarmup,
      idleWaitS: cfg.idleWaitS,
      busyRetries: cfg.busyRetries,
      ...meta0,
      runtimeFlagsFile: relative(ROOT, RUNTIME_FLAGS),
      controlPlane: controlPlaneText({ ...runtimeFlags.env, ...process.env }),
    },
    rounds: [],
    problems,
  };

  // ---- mock provider
  mockCtl.port = await freePort();
  mockCtl.logFile = join(logDir, 'mock-provider.log');
  mockPort = mockCtl.port;
  log(`\nStarting the mock provider on 127.0.0.1:${mockPort} …`);
  await mockCtl.start();

  const before = await idleCheck([process.pid, mockCtl.proc.pid]);
  results.meta.foreignCpuBefore = before.share;
  log(
    `  other processes use ${pct(before.share)} of the CPU${before.share > BUSY ? ` (${before.top.join(', ')}): the machine is shared; each measurement waits up to ${cfg.idleWaitS} s for quiet and is redone if disturbed` : ''}`,
  );

  // ---- rounds: direct, then the gateways in alternating order, each in a fresh process
  const gateways = cfg.targets.filter((t) => t !== 'direct');
  for (let i = 0; i < cfg.pairs; i++) {
    const order = ['direct', ...(i % 2 === 0 ? gateways : [...gateways].reverse())];
    const round = { index: i + 1, order, targets: {} };
    results.rounds.push(round);
    for (const name of order) round.targets[name] = await measureTarget(name, round.index);
  }

  await stopProcess(mockCtl.proc);

  results.derived = derive(results);
  log(consoleSummary(results));

  if (cfg.curve && cfg.targets.includes('ours')) {
    const curveRounds = results.rounds
      .filter((r) => r.targets.ours?.curve)
      .map((r) => ({ index: r.index, note: r.order[1] === 'ours' ? 'ours measured first' : 'after the reference', peakRss: r.targets.ours.memory?.hwm, ...r.targets.ours.curve }));
    mkdirSync(dirname(cfg.curve), { recursive: true });
    writeFileSync(cfg.curve, memoryCurveSvg(curveRounds));
    results.curve = { file: cfg.curve, link: relative(cfg.output ? dirname(cfg.output) : ROOT, cfg.curve).split('\\').join('/') };
    log(`\nWrote ${cfg.curve}`);
  }
  if (cfg.output) {
    const notes = existingNotes(cfg.output);
    writeFileSync(cfg.output, markdown(results, notes));
    log(`Wrote ${cfg.output}`);
  }
  if (cfg.json) {
    writeFileSync(cfg.json, `${JSON.stringify(results, null, 2)}\n`);
    log(`Wrote ${cfg.json}`);
  }
  log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  // The report is written either way; the exit status says whether our gateway was fully measured.
  if (cfg.targets.includes('ours')) {
    const bad = results.rounds.filter((r) => {
      const ours = r.targets.ours;
      return !ours || ours.reason || MODES.some((m) => !ours.load?.[m]);
    });
    if (bad.length || !results.rounds.length) {
      console.error(`bench: our gateway was not fully benchmarked in round(s) ${bad.map((r) => r.index).join(', ')} (${bad[0]?.targets.ours?.reason ?? 'see "Problems" above'}); exit status 1.`);
      process.exitCode = 1;
    }
  }
}

main().catch((e) => {
  console.error(`\nbench: ${e?.stack ?? e}`);
  killAllSync();
  process.exit(1);
});
