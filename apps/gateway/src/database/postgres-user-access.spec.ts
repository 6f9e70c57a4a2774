import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPostgresUserAccess } from './postgres-user-access.js';

describe('checkPostgresUserAccess', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'aigw-access-'));
    await chmod(root, 0o755);
  });
  afterAll(async () => {
    await chmod(path.join(root, 'closed'), 0o755).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  it('accepts a data folder whose parents the postgres user can enter', async () => {
    await mkdir(path.join(root, 'open', 'data'), { recursive: true, mode: 0o755 });
    await expect(checkPostgresUserAccess(path.join(root, 'open', 'data', 'postgres'))).resolves.toBeUndefined();
  });

  it('names the parent folder it cannot enter, and how to fix it', async () => {
    await mkdir(path.join(root, 'closed', 'data'), { recursive: true });
    await chmod(path.join(root, 'closed'), 0o700);
    await expect(checkPostgresUserAccess(path.join(root, 'closed', 'data', 'postgres'))).rejects.toThrow(
      `cannot enter ${path.join(root, 'closed')} (mode 700). Allow it with "chmod o+x ${path.join(root, 'closed')}"`,
    );
  });
});
