/**
 * The Prisma client over node-postgres (@prisma/adapter-pg, no native engine). Provided by
 * ControlPlaneModule through a factory; tests construct it directly with a database URL.
 * Disconnection is the control plane's lifecycle's job (after the log queue is flushed).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export interface PrismaServiceOptions {
  databaseUrl: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

export class PrismaService extends PrismaClient {
  constructor(options: PrismaServiceOptions) {
    super({
      adapter: new PrismaPg({
        connectionString: options.databaseUrl,
        max: options.poolSize ?? 10,
        // Fail instead of waiting forever on an unreachable server (the log writer then backs off).
        connectionTimeoutMillis: 5_000,
      }),
      // Minimal errors: Prisma's "pretty" errors echo the query arguments, which may hold secrets.
      errorFormat: 'minimal',
    });
  }
}

export { Prisma } from '../generated/prisma/client.js';
