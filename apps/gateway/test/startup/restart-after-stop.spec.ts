/**
 * Restart right after stop, with a real embedded Postgres: the previous server is made to linger
 * in its shutdown (SIGSTOP, then SIGCONT after a second), as a slow checkpoint would. The new
 * start-up must wait for it instead of failing on "lock file postmaster.pid already exists".
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../../src/database/prepare-database.js';

const quiet = { log: () => undefined, warn: () => undefined };

describe('embedded Postgres: restart while the previous server is still shutting down', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('waits for the previous Postgres to exit, then starts on the same cluster', async () => {
    const env = { GATEWAY_DATA_DIR: dataDir };
    const first = await prepareDatabase(env, { logger: quiet });
    const pid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGSTOP');
    const stopping = first.stop(); // its SIGINT stays pending while the server is stopped
    const resume = setTimeout(() => process.kill(pid, 'SIGCONT'), 1_000);
    const logs: string[] = [];
    const started = Date.now();
    try {
      const second = await prepareDatabase(env, { logger: { log: (m) => logs.push(m), warn: () => undefined } });
      try {
        expect(Date.now() - started).toBeGreaterThanOrEqual(900);
        expect(logs.join('\n')).toContain(`Waiting for the previous embedded Postgres (PID ${pid}) to finish shutting down`);
        const client = new pg.Client({ connectionString: second.databaseUrl });
        await client.connect();
        await expect(client.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
        await client.end();
      } finally {
        await second.stop();
      }
    } finally {
      clearTimeout(resume);
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // already gone
      }
      await stopping;
    }
  }, 60_000);
});
