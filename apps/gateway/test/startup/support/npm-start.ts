/**
 * `npm start` as an operator runs it, in its own process group (so a failed test can still clean
 * up every process it started), with the environment of a fresh shell: no DATABASE_URL, and none
 * of the variables of the npm/Nx/Jest run this test is part of.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface NpmStart {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to the whole process group: the safety net, not the way a test stops it. */
  killGroup(): void;
}

export function freshShellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|NX_|JEST_|GATEWAY_)/.test(name) || ['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS', 'INIT_CWD'].includes(name)) continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function npmStart(cwd: string, env: NodeJS.ProcessEnv): NpmStart {
  const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  };
  process.once('exit', killGroup);
  void exited.then(() => process.removeListener('exit', killGroup));
  return { child, output: () => output, exited, killGroup };
}

/** Resolves with `promise`, or rejects with `message` after `ms`; never keeps the process alive after. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls GET url until it answers 200 (resolves with the body), the process exits, or the time is up. */
export async function waitForHealth(url: string, run: NpmStart, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  void run.exited.then(() => (done = true));
  while (Date.now() < deadline) {
    if (done) throw new Error(`npm start exited before ${url} answered:\n${run.output().slice(-4000)}`);
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) }).catch(() => undefined);
    if (response?.status === 200) return response.json();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${run.output().slice(-4000)}`);
}
