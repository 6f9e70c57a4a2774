// Child processes for the benchmark: spawn `node` directly (so the pid is the node process whose
// VmHWM we read, not an npm/npx wrapper), each in its own process group so that anything it starts
// (e.g. an embedded database) is stopped with it, and kill everything on any exit path.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const live = new Set();

/** Kill every child still running (SIGKILL to its process group). Synchronous: safe in 'exit'. */
export function killAllSync() {
  for (const child of live) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  live.clear();
}

/** A free TCP port on 127.0.0.1 (the OS picks it; we release it just before the child binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Last `lines` lines of a log file (for error messages). */
export function tail(file, lines = 30) {
  try {
    const text = readFileSync(file, 'utf8').replace(/\r/g, '\n');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function httpAnswers(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(true));
      res.on('error', () => resolve(true));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Starts `node <args>` with its output in `logFile`, waits until `readyUrl` answers HTTP (any
 * status). Rejects with the log's tail if the process exits or `timeoutMs` passes first.
 * `onSpawn(child)` is called right after the spawn, before it answers.
 */
export async function startNode({ name, args, env, cwd, logFile, readyUrl, timeoutMs = 60_000, onSpawn }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  live.add(child);
  onSpawn?.(child); // e.g. to sample its memory from the very start
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      live.delete(child);
      resolve(exited);
    });
    child.once('error', (error) => {
      exited = { code: null, signal: null, error };
      live.delete(child);
      resolve(exited);
    });
  });

  const started = Date.now();
  for (;;) {
    if (exited) {
      throw new Error(
        `${name} exited during start-up (code ${exited.code}, signal ${exited.signal}${exited.error ? `, ${exited.error.message}` : ''}). Log ${logFile}:\n${tail(logFile)}`,
      );
    }
    if (await httpAnswers(readyUrl)) break;
    if (Date.now() - started > timeoutMs) {
      await stopProcess({ child, exitPromise });
      throw new Error(`${name} did not answer ${readyUrl} within ${timeoutMs / 1000} s. Log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  return { name, child, pid: child.pid, exitPromise, startupMs: Date.now() - started, logFile, isAlive: () => !exited };
}

/** SIGTERM the process group, then SIGKILL after `graceMs`. */
export async function stopProcess(proc, graceMs = 3000) {
  const { child, exitPromise } = proc;
  if (!live.has(child)) return;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        /* gone */
      }
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exitPromise;
  clearTimeout(timer);
  // Whatever the child started in its group (if it did not stop it itself).
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group already empty */
  }
}

/** VmHWM (peak resident set) and VmRSS of a pid, in bytes, from /proc/<pid>/status. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : NaN;
    };
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
    return { name, hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return { name: '?', hwm: NaN, rss: NaN };
  }
}

/**
 * CPU accounting, to tell whether other processes were busy during a measurement (the machine is
 * shared, and a busy neighbour skews every figure). A snapshot holds the machine's total ticks
 * (/proc/stat) and every live process's own ticks (utime + stime, /proc/<pid>/stat), keyed by pid,
 * with its parent, process group and name. Reaped children's time (cutime) is left out: a shell reaping a
 * long test run would count that run's whole CPU time at once. A process that starts and ends
 * between two snapshots is missed, so the figure is a lower bound. The benchmark's own processes are excluded by
 * process group: the harness's group and the group of each child it started (they run detached,
 * so a child's group id is its pid, and covers anything the child starts).
 */
export function cpuSnapshot() {
  let all = NaN;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    all = cpu.slice(0, 8).reduce((s, x) => s + (x || 0), 0);
  } catch {
    return { all, procs: new Map() };
  }
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // f[0] = state (field 3), f[2] = pgrp (5), f[11], f[12] = utime, stime (14, 15), f[19] = starttime (22)
      procs.set(Number(entry), { comm, ppid: Number(f[1]), pgrp: Number(f[2]), start: f[19], ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      /* exited meanwhile */
    }
  }
  return { all, procs };
}

/**
 * Share of the machine's CPU capacity (0..1) used by processes outside `ownGroups` (process group
 * ids) between two snapshots, and the biggest such consumers.
 */
export function foreignCpu(before, after, ownGroups) {
  const all = after.all - before.all;
  if (!(all > 0)) return { share: NaN, top: [] };
  const groups = new Set(ownGroups);
  // Ours: the harness, members of our children's process groups, and their descendants (even if
  // one started a session or group of its own, as a database server may).
  const isOwn = (pid) => {
    for (let p = after.procs.get(pid), depth = 0; p && depth < 64; p = after.procs.get(p.ppid), depth++) {
      if (groups.has(p.pgrp) || p === after.procs.get(process.pid)) return true;
    }
    return pid === process.pid;
  };
  const byName = new Map();
  let foreign = 0;
  for (const [pid, p] of after.procs) {
    if (isOwn(pid)) continue;
    const prev = before.procs.get(pid);
    const delta = p.ticks - (prev && prev.start === p.start ? prev.ticks : 0); // new process: all of its time
    if (delta <= 0) continue;
    foreign += delta;
    byName.set(p.comm, (byName.get(p.comm) ?? 0) + delta);
  }
  const top = [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, t]) => `${name} ${Math.round((100 * t) / all)}%`);
  return { share: Math.min(1, foreign / all), top };
}

/**
 * Memory of the processes a gateway started (e.g. an embedded Postgres): their count, names and
 * summed PSS (proportional set size, so memory they share is not counted once per process), read
 * at the moment of the call. Not part of the gateway's own VmHWM.
 */
export function descendantsMemory(rootPid) {
  const parent = new Map();
  const info = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      parent.set(Number(entry), Number(f[1]));
      info.set(Number(entry), { comm: stat.slice(stat.indexOf('(') + 1, close), pgrp: Number(f[2]) });
    } catch {
      /* gone */
    }
  }
  const isDescendant = (pid) => {
    if (info.get(pid)?.pgrp === rootPid) return true;
    for (let p = parent.get(pid), depth = 0; p !== undefined && p > 1 && depth < 64; p = parent.get(p), depth++) {
      if (p === rootPid) return true;
    }
    return false;
  };
  let pss = 0;
  let count = 0;
  const names = new Map();
  for (const pid of info.keys()) {
    if (pid === rootPid || !isDescendant(pid)) continue;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) pss += Number(m[1]) * 1024;
    } catch {
      continue;
    }
    count++;
    const name = info.get(pid).comm.split(':')[0];
    names.set(name, (names.get(name) ?? 0) + 1);
  }
  return { count, pss, names: [...names.entries()].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)) };
}
