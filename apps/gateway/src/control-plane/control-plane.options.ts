/** Settings of the control plane, built once at start-up (from prepareDatabase and the environment). */
import type { BootstrapAdminInput } from './bootstrap/bootstrap.service.js';
import type { MigrateOptions } from '../database/migrator.js';
import type { RequestLogWriterOptions } from './request-logs/request-log.writer.js';
import type { ShadowOutcomeWriterOptions } from './shadow/shadow-outcome.writer.js';

export const CONTROL_PLANE_OPTIONS = Symbol('CONTROL_PLANE_OPTIONS');

export interface ControlPlaneOptions {
  databaseUrl: string;
  /** 32 bytes; encrypts virtual-key credentials at rest. */
  masterKey: Buffer;
  /** Cache invalidation through Redis pub/sub instead of Postgres LISTEN/NOTIFY. */
  redisUrl?: string;
  poolSize?: number;
  /** Safety net for a lost invalidation message (default 5 minutes). */
  cacheMaxAgeMs?: number;
  requestLog?: RequestLogWriterOptions;
  /** The shadow/replay comparison writer (tests set a long interval and flush themselves). */
  shadowOutcomes?: ShadowOutcomeWriterOptions;
  /** JSON file layered over the built-in pricing table. */
  pricingFile?: string;
  /** Creates the first workspace and owner at start-up when the user does not exist. */
  bootstrapAdmin?: BootstrapAdminInput;
  /** Mount the admin REST API under /admin/api/v1 (default true). */
  adminApi?: boolean;
  /**
   * Runs last at shutdown, after the log flush and the pool's close: stops the embedded Postgres
   * (controlPlaneOptionsFromEnv passes PreparedDatabase.stop here).
   */
  afterShutdown?: () => Promise<void>;
  /**
   * Postgres was unreachable at start-up: run these migrations once it answers. Until then the
   * control plane keeps retrying in the background instead of stopping the gateway.
   */
  deferredMigrations?: MigrateOptions;
  /**
   * When the limits store (Redis) cannot answer: `open` lets requests through unlimited (the
   * default: an outage of Redis is not an outage of the gateway), `closed` refuses them with 503
   * (for budgets that must never be exceeded). GATEWAY_LIMITS_FAILURE_MODE.
   */
  limitsFailureMode?: 'open' | 'closed';
  /**
   * Longest a limits settlement waits (ms) to ride on the next admission to Redis (default 5);
   * 0 sends each one at once, on its own (two round trips per request). GATEWAY_LIMITS_SETTLE_DELAY_MS.
   */
  limitsSettleDelayMs?: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 1000) throw new Error(`${name} must be an integer from 0 to 1000, got "${raw}".`);
  return value;
}

function failureMode(raw: string | undefined): 'open' | 'closed' | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'open' || raw === 'closed') return raw;
  throw new Error(`GATEWAY_LIMITS_FAILURE_MODE must be "open" or "closed", got "${raw}".`);
}

/**
 * Options from the environment: REDIS_URL, DATABASE_POOL_SIZE, GATEWAY_PRICING_FILE,
 * GATEWAY_LOG_BATCH_SIZE, GATEWAY_LOG_FLUSH_MS, GATEWAY_LOG_MAX_QUEUE, ADMIN_EMAIL/ADMIN_PASSWORD
 * (+ ADMIN_WORKSPACE_NAME).
 */
export function controlPlaneOptionsFromEnv(
  database: { databaseUrl: string; masterKey: Buffer; stop?: () => Promise<void>; deferredMigrations?: MigrateOptions },
  env: NodeJS.ProcessEnv = process.env,
): ControlPlaneOptions {
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin, or neither.');
  }
  return {
    databaseUrl: database.databaseUrl,
    masterKey: database.masterKey,
    afterShutdown: database.stop,
    deferredMigrations: database.deferredMigrations,
    redisUrl: env.REDIS_URL || undefined,
    limitsFailureMode: failureMode(env.GATEWAY_LIMITS_FAILURE_MODE),
    limitsSettleDelayMs: nonNegativeInt(env, 'GATEWAY_LIMITS_SETTLE_DELAY_MS'),
    poolSize: positiveInt(env, 'DATABASE_POOL_SIZE'),
    pricingFile: env.GATEWAY_PRICING_FILE || undefined,
    requestLog: {
      batchSize: positiveInt(env, 'GATEWAY_LOG_BATCH_SIZE'),
      flushIntervalMs: positiveInt(env, 'GATEWAY_LOG_FLUSH_MS'),
      maxQueue: positiveInt(env, 'GATEWAY_LOG_MAX_QUEUE'),
    },
    bootstrapAdmin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, workspaceName: env.ADMIN_WORKSPACE_NAME || undefined }
        : undefined,
  };
}
