/**
 * Where the embedded Postgres keeps its cluster and runs its binaries from. Normally both stay
 * where they are (`<data dir>/postgres`, node_modules). As root, Postgres runs as the `postgres`
 * user; when that user cannot enter the project (a clone in /root or in a `mktemp -d` folder), the
 * cluster moves to `<runtime root>/<hash of the data dir>/postgres` and the binaries are mirrored
 * under `<runtime root>`, a root-owned 0755 tree that user can walk. Secrets (the master key, the
 * Postgres password) stay in the data folder, which then stays root-only. The user's own folders
 * are never chmod-ed.
 */
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mirrorBinaries, type PostgresBinaries } from './postgres-binaries.js';
import { checkPostgresUserAccess, closedParent } from './postgres-user-access.js';

export const DEFAULT_RUNTIME_ROOT = '/var/lib/ai-gateway';

export interface PostgresPlacement {
  clusterDir: string;
  binaries: PostgresBinaries;
  /** The data folder itself must let others enter (the cluster lives inside it, run by `postgres`). */
  dataDirMustBeEnterable: boolean;
}

export interface PlacementOptions {
  dataDir: string;
  packaged: PostgresBinaries;
  /** Root only: Postgres will run as the `postgres` user. */
  runsAsOtherUser: boolean;
  runtimeRoot?: string;
  log: (message: string) => void;
}

/** The per-project folder under the runtime root: a stable hash of the resolved data folder. */
export function runtimeDirFor(dataDir: string, runtimeRoot = DEFAULT_RUNTIME_ROOT): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(runtimeRoot, hash);
}

export async function placePostgres(options: PlacementOptions): Promise<PostgresPlacement> {
  const { dataDir, packaged, runsAsOtherUser, log } = options;
  const localCluster = path.join(dataDir, 'postgres');
  if (!runsAsOtherUser) return { clusterDir: localCluster, binaries: packaged, dataDirMustBeEnterable: false };

  const runtimeRoot = path.resolve(options.runtimeRoot || DEFAULT_RUNTIME_ROOT);
  const runtimeDir = runtimeDirFor(dataDir, runtimeRoot);
  const movedCluster = path.join(runtimeDir, 'postgres');

  // A cluster that already exists wins, wherever it is: moving data is never done silently.
  let clusterDir: string;
  if (await initialised(movedCluster)) clusterDir = movedCluster;
  else if (await initialised(localCluster)) {
    await checkPostgresUserAccess(localCluster); // the clear error: this one cannot move by itself
    clusterDir = localCluster;
  } else clusterDir = (await closedParent(dataDir)) ? movedCluster : localCluster;

  const binariesBlocked = await closedParent(packaged.binDir);
  if (clusterDir === movedCluster || binariesBlocked) {
    await prepareRuntimeRoot(runtimeRoot, [
      clusterDir === movedCluster ? `the cluster of ${dataDir}` : undefined,
      binariesBlocked ? `the Postgres binaries (${binariesBlocked.dir} is closed to it)` : undefined,
    ]);
  }
  if (clusterDir === movedCluster) {
    await ensureRootOwnedDir(runtimeDir);
    // For whoever finds the folder: which project it belongs to (not a secret).
    await writeFile(path.join(runtimeDir, 'data-dir'), `${path.resolve(dataDir)}\n`, { mode: 0o644 });
    log(`The postgres user cannot enter ${dataDir}: the embedded Postgres cluster lives in ${clusterDir}.`);
  }
  const binaries = binariesBlocked ? await mirrorBinaries(packaged, runtimeRoot) : packaged;
  return { clusterDir, binaries, dataDirMustBeEnterable: clusterDir === localCluster };
}

async function initialised(clusterDir: string): Promise<boolean> {
  return lstat(path.join(clusterDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** The runtime root must itself be reachable by `postgres`, and trustworthy (root-owned, not writable by others). */
async function prepareRuntimeRoot(runtimeRoot: string, reasons: (string | undefined)[]): Promise<void> {
  const why = reasons.filter(Boolean).join(' and ');
  try {
    await ensureRootOwnedDir(runtimeRoot);
    const closed = await closedParent(path.join(runtimeRoot, 'x'));
    if (closed) throw new Error(`${closed.dir} is mode ${closed.mode.toString(8)}, so the postgres user cannot enter it either`);
  } catch (error) {
    throw new Error(
      `The embedded Postgres runs as the "postgres" user, who cannot reach ${why}, and start-up could not set up ` +
        `${runtimeRoot} for it: ${(error as Error).message}. Set GATEWAY_POSTGRES_RUNTIME_DIR to a root-owned folder the ` +
        'postgres user can enter, move the project to such a folder, or set DATABASE_URL to use another Postgres.',
      { cause: error },
    );
  }
}

/** mkdir -p with 0755 folders, then refuse anything another user could have planted or could change. */
async function ensureRootOwnedDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o755 });
  // The mode given to mkdir passes through the umask; a 077 umask must not make them 0700.
  if (first) {
    for (let created = dir; ; created = path.dirname(created)) {
      await chmod(created, 0o755);
      if (created === first || created === path.dirname(created)) break;
    }
  }
  const info = await lstat(dir);
  if (!info.isDirectory()) throw new Error(`${dir} is not a folder`);
  if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be owned by root and writable by root only (it is uid ${info.uid}, mode ${(info.mode & 0o777).toString(8)})`);
  }
}
