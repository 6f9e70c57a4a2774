/**
 * The driver adapter the Prisma CLI (migrate dev/deploy/status, db push) uses, with workarounds for
 * two @prisma/adapter-pg 6.19.3 bugs that otherwise break migrations on Postgres (see
 * /work/shared/STACK.md). Used only by the CLI through prisma.config.ts; the gateway applies
 * migrations with its own runner (apps/gateway/src/database/migrator.ts) and never loads this.
 *
 * Pinned to adapter-pg 6.19.3: the workaround touches adapter internals (`performIO`).
 */
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// Catalog types the adapter cannot deserialize (prisma/orm#27403): `"char"`, `name` and their arrays.
const RETAG: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

type Field = { dataTypeID: number };
type IoResult = { fields: Field[] };
type WithIo = { performIO(query: unknown): Promise<IoResult> };
type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;

/** Re-tag catalog column types as text before Prisma reads them (bug 1). */
function retagResults<T extends object>(queryable: T): T {
  const target = queryable as unknown as WithIo;
  const original = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await original(query);
    for (const field of result.fields) field.dataTypeID = RETAG[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  return queryable;
}

function patchAdapter(adapter: Adapter): Adapter {
  retagResults(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => retagResults(await startTransaction(isolationLevel));
  return adapter;
}

/** Discrete connection fields: a `connectionString` would override the shadow database's name (bug 2). */
export function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    // The CLI does not end its pools; short idle timeouts let it exit promptly instead of after 10 s.
    idleTimeoutMillis: 100,
    ssl: sslmode && sslmode !== 'disable' ? { rejectUnauthorized: sslmode === 'verify-full' } : undefined,
  };
}

class PatchedPrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connect(): Promise<Adapter> {
    return patchAdapter(await super.connect());
  }

  /**
   * A real, uniquely named shadow database (bug 2: the stock one reuses the main database and drops
   * it while its pool is still open). Disposal closes the pool first, then drops with FORCE.
   */
  override async connectToShadowDb(): Promise<Adapter> {
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client(this.poolConfig);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const shadow = patchAdapter(await new PrismaPg({ ...this.poolConfig, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(this.poolConfig);
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return shadow;
  }
}

export function cliAdapter(databaseUrl: string): PrismaPg {
  return new PatchedPrismaPg(poolConfigFromUrl(databaseUrl));
}
