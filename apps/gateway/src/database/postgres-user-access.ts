import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * As root, the embedded Postgres runs as the `postgres` user, who must be able to walk into the
 * folders of its binaries and of its data. A parent folder without the "others may enter" bit (a
 * 0700 home or temp folder) makes initdb fail with EACCES. Start-up checks this up front: it then
 * places the cluster and the binaries where that user can reach them (postgres-placement.ts), and
 * stops with the folder to fix when it cannot.
 */

/** The first parent of `target` (nearest the root) that others may not enter, if any. */
export async function closedParent(target: string): Promise<{ dir: string; mode: number } | undefined> {
  const parents: string[] = [];
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    parents.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of parents) {
    const mode = await stat(dir).then((s) => s.mode, () => undefined);
    if (mode !== undefined && (mode & 0o001) === 0) return { dir, mode: mode & 0o777 };
  }
  return undefined;
}

export async function checkPostgresUserAccess(target: string): Promise<void> {
  const closed = await closedParent(target);
  if (closed) {
    throw new Error(
      `The embedded Postgres runs as the "postgres" user, who cannot enter ${closed.dir} (mode ${closed.mode.toString(8)}). ` +
        `Allow it with "chmod o+x ${closed.dir}", move the project, or set DATABASE_URL to use another Postgres.`,
    );
  }
}
