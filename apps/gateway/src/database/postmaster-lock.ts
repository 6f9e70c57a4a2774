/**
 * Postgres refuses to start while `postmaster.pid` names a live process ("lock file
 * postmaster.pid already exists"). Right after a stop, the previous server may still be shutting
 * down (it writes a checkpoint), so a quick restart must wait for it; and after a container
 * restart the file may name a PID now used by an unrelated process, which Postgres cannot tell
 * from a live server. Both are sorted out here, before Postgres is spawned.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const POSTMASTER_WAIT_MS = 15_000;

export class PostmasterLockError extends Error {
  override name = 'PostmasterLockError';
}

export interface PostmasterLockOptions {
  timeoutMs?: number;
  log?: (message: string) => void;
}

type Holder = 'none' | 'stale' | 'alive';

/**
 * Resolves once no live Postgres holds `clusterDir`: at once when there is no lock file, after
 * removing a stale one, or after the holder exited. Throws a PostmasterLockError naming the PID
 * when it still runs after `timeoutMs`.
 */
export async function waitForPostmasterLock(clusterDir: string, options: PostmasterLockOptions = {}): Promise<void> {
  const { timeoutMs = POSTMASTER_WAIT_MS, log = () => undefined } = options;
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const pid = await readLockPid(lockFile);
    const holder = pid === undefined ? 'none' : await inspect(pid);
    if (holder === 'none') return;
    if (holder === 'stale') {
      // Safe: the PID is gone or is not a Postgres, so nothing uses this cluster.
      log(`Removing the stale ${lockFile} (PID ${pid} is not a running Postgres).`);
      await rm(lockFile, { force: true });
      return;
    }
    if (Date.now() >= deadline) {
      throw new PostmasterLockError(
        `The embedded Postgres in ${clusterDir} is still held by the Postgres process ${pid} after ${timeoutMs / 1000} s ` +
          `(another gateway on the same data folder, or a server left behind). Stop it (kill -INT ${pid}) and start again, ` +
          'or set GATEWAY_DATA_DIR to another folder.',
      );
    }
    if (!announced) {
      log(`Waiting for the previous embedded Postgres (PID ${pid}) to finish shutting down…`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readLockPid(lockFile: string): Promise<number | undefined> {
  const text = await readFile(lockFile, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number.parseInt(text.split('\n', 1)[0] ?? '', 10);
  // An empty or torn file (a server that died while writing it) holds nothing; -1 is never a PID.
  return Number.isInteger(pid) && pid > 0 ? pid : -1;
}

async function inspect(pid: number): Promise<Holder> {
  if (pid === -1 || !isAlive(pid)) return 'stale';
  // Where /proc exists, a live PID that is not a Postgres is a reused PID, not a holder.
  // A zombie (exited, never reaped: containers whose PID 1 does not reap) holds nothing either.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return 'alive';
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return comm === 'postgres' && state !== 'Z' && state !== 'X' ? 'alive' : 'stale';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user, when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
