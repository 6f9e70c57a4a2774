import pg from 'pg';

/**
 * The control plane's own small pg pool, for what the request path needs from Postgres: lookups on
 * a cache miss (API keys, virtual keys, saved configs, workspace settings), the limits table, and
 * request-log batches. Plain SQL on purpose: the Prisma client compiles its wasm query compiler on
 * its first query (~14 MB resident), so a gateway that only serves traffic never loads it; the
 * admin API and start-up tasks (the first admin, SSO seeding) still use Prisma.
 *
 * Its commits skip the WAL flush wait (`synchronous_commit off`): a crash can lose the last
 * fraction of a second of request-log rows, which were only in memory a moment before anyway,
 * and Postgres does less work per batch on the gateway's cores. Reads are unaffected.
 */
export class ControlPlanePool extends pg.Pool {}

export function createControlPlanePool(databaseUrl: string): ControlPlanePool {
  // The setting travels in the connection's start-up packet: a `SET` sent from the pool's 'connect'
  // event would overlap the caller's first query on the same client (which pg deprecates).
  const pool = new ControlPlanePool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000, options: '-c synchronous_commit=off' });
  // An idle connection the server (or the network) drops emits 'error' on the pool; unheard, that
  // event would crash the process when Postgres goes away. The pool replaces the client itself.
  pool.on('error', () => undefined);
  return pool;
}
