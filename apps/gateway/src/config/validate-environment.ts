/**
 * Start-up validation of the whole environment, before anything is started (the database, the
 * embedded Postgres, the listener): the gateway's own settings, the control plane's, and the
 * pricing file. Every bad value is named in one ConfigError.
 */
import { PricingTable } from '../control-plane/request-logs/pricing.js';
import { parseMasterKey } from '../database/master-key.js';
import { heapGrowthPercent } from '../runtime/heap-growth-setting.js';
import { ConfigError, EnvReader } from './env-reader.js';
import { type GatewayConfig, loadGatewayConfig } from './gateway-config.js';

export function validateEnvironment(env: NodeJS.ProcessEnv): GatewayConfig {
  const read = new EnvReader(env);
  let config: GatewayConfig | undefined;
  try {
    config = loadGatewayConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    read.problems.push(...error.problems);
  }

  if (env.GATEWAY_DATABASE && !/^(on|off)$/.test(env.GATEWAY_DATABASE)) read.problems.push(`GATEWAY_DATABASE must be on or off, got "${env.GATEWAY_DATABASE}"`);
  for (const name of ['DATABASE_POOL_SIZE', 'GATEWAY_LOG_BATCH_SIZE', 'GATEWAY_LOG_FLUSH_MS', 'GATEWAY_LOG_MAX_QUEUE']) read.optionalInt(name, 1);
  read.bool('GATEWAY_MIGRATE_ON_START', true);
  const growth = heapGrowthPercent(env);
  if (typeof growth === 'string') read.problems.push(growth);
  if (env.GATEWAY_MASTER_KEY) read.check(() => parseMasterKey(env.GATEWAY_MASTER_KEY!), undefined);
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) read.problems.push('set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin, or neither');
  urlSetting(read, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  urlSetting(read, 'REDIS_URL', ['redis:', 'rediss:']);
  if (env.GATEWAY_PRICING_FILE) {
    read.check(() => {
      try {
        return PricingTable.load(env.GATEWAY_PRICING_FILE);
      } catch (error) {
        throw new Error(`GATEWAY_PRICING_FILE ${env.GATEWAY_PRICING_FILE} is not a readable pricing JSON file: ${(error as Error).message}`);
      }
    }, undefined);
  }

  read.assertValid();
  return config!;
}

function urlSetting(read: EnvReader, name: string, protocols: string[]): void {
  const raw = read.env[name];
  if (!raw) return;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // Never echo the value: a connection URL carries a password.
    read.problems.push(`${name} is not a valid URL`);
    return;
  }
  if (!protocols.includes(protocol)) read.problems.push(`${name} must be a ${protocols.join(' or ')} URL, got a ${protocol} one`);
}
