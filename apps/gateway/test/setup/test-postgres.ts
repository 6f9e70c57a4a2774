/**
 * The Postgres the gateway's tests use: DATABASE_URL when set; else the default server
 * (127.0.0.1:5432, as on every development machine and in CI) when it answers; else one embedded
 * Postgres, started here for the whole run in a temp folder and removed afterwards.
 * AIGW_TEST_DEFAULT_DATABASE_URL replaces the default, so a test can point it at a closed port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { redactUrl } from '../../src/database/database-url.js';
import { answers, endpoint } from './tcp-probe.js';

export const DEFAULT_TEST_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestService {
  /** Variables for the test workers (empty when the environment already had them). */
  env: Record<string, string>;
  /** Half a sentence for the set-up's one line. */
  summary: string;
  started: boolean;
  stop(): Promise<void>;
}

const nothing = async (): Promise<void> => undefined;

export async function testPostgres(env: NodeJS.ProcessEnv): Promise<TestService> {
  if (env.DATABASE_URL) return { env: {}, summary: 'Postgres from DATABASE_URL', started: false, stop: nothing };
  const fallback = env.AIGW_TEST_DEFAULT_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const { host, port } = endpoint(fallback, 5432);
  if (await answers(host, port)) {
    return { env: { DATABASE_URL: fallback }, summary: `Postgres at ${host}:${port}`, started: false, stop: nothing };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-test-postgres-'));
  try {
    const server = await startEmbeddedPostgres(dataDir, () => undefined, { runtimeRoot: env.GATEWAY_POSTGRES_RUNTIME_DIR });
    return {
      env: { DATABASE_URL: server.serverUrl },
      summary: `started an embedded Postgres at ${redactUrl(server.serverUrl)} (DATABASE_URL unset, nothing on ${host}:${port})`,
      started: true,
      async stop() {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
        // As root with a closed temp folder, the cluster lived under the runtime root instead.
        if (server.clusterDir !== path.join(dataDir, 'postgres')) await rm(path.dirname(server.clusterDir), { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
