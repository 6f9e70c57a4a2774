/**
 * A restart right after a stop: `postmaster.pid` may still name the previous Postgres while it
 * shuts down. Start-up waits for it (bounded), removes a lock left by a dead or reused PID, and
 * names the PID when a live Postgres still holds the cluster.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PostmasterLockError, waitForPostmasterLock } from '../../src/database/postmaster-lock.js';

describe('waitForPostmasterLock', () => {
  let dir: string;
  let fakePostgres: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigw-lock-'));
    // A process the kernel names "postgres" (/proc/<pid>/stat), as a real postmaster is.
    fakePostgres = path.join(dir, 'postgres');
    await copyFile('/bin/sleep', fakePostgres);
    await chmod(fakePostgres, 0o755);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  const lockFile = () => path.join(dir, 'postmaster.pid');
  const lockWith = (pid: number) => writeFile(lockFile(), `${pid}\n${dir}\n1700000000\n5432\n`);
  const present = () => stat(lockFile()).then(() => true, () => false);
  const holder = (seconds: number) => {
    const child = spawn(fakePostgres, [String(seconds)], { stdio: 'ignore' });
    children.push(child);
    return child;
  };

  it('returns at once when there is no lock file', async () => {
    await rm(lockFile(), { force: true });
    await expect(waitForPostmasterLock(dir, { timeoutMs: 100 })).resolves.toBeUndefined();
  });

  it('removes a lock whose PID is dead', async () => {
    const gone = spawn('/bin/true');
    await once(gone, 'exit');
    await lockWith(gone.pid!);
    const logs: string[] = [];
    await waitForPostmasterLock(dir, { timeoutMs: 100, log: (m) => logs.push(m) });
    expect(await present()).toBe(false);
    expect(logs.join('\n')).toContain(`PID ${gone.pid} is not a running Postgres`);
  });

  it('removes a lock whose PID now belongs to another program (a reused PID)', async () => {
    await lockWith(process.pid); // alive, but node, not postgres
    await waitForPostmasterLock(dir, { timeoutMs: 100 });
    expect(await present()).toBe(false);
  });

  it('waits for a Postgres that is still shutting down, then starts', async () => {
    const previous = holder(1);
    await lockWith(previous.pid!);
    const started = Date.now();
    await waitForPostmasterLock(dir, { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeGreaterThan(700);
    expect(previous.exitCode).toBe(0);
    await rm(lockFile(), { force: true });
  });

  it('gives up after the bound with the PID and what to do', async () => {
    const stuck = holder(30);
    await lockWith(stuck.pid!);
    const started = Date.now();
    const error = await waitForPostmasterLock(dir, { timeoutMs: 600 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostmasterLockError);
    expect((error as Error).message).toContain(`still held by the Postgres process ${stuck.pid} after 0.6 s`);
    expect((error as Error).message).toContain(`kill -INT ${stuck.pid}`);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await readFile(lockFile(), 'utf8')).toContain(String(stuck.pid)); // a live holder's lock is never removed
    stuck.kill('SIGKILL');
  });
});
