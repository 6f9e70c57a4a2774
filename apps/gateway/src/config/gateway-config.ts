import { type InboundSettings, InboundRules } from '../inbound/inbound-rules.js';
import { DEFAULT_TRUSTED_HOSTS, DEFAULT_VIRTUAL_KEY_RANGES, type EgressSettings, EgressPolicy, listFromEnv } from '../egress/egress-policy.js';

/**
 * The gateway's environment, read and validated once at start-up. Everything tunable lives here
 * so a misconfigured deployment fails at boot with a clear message, not on the first request.
 */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Largest accepted request body, in bytes (413 above it). */
  bodyLimitBytes: number;
  /** Largest accepted request head (request line and headers), in bytes (431 above it). */
  headerLimitBytes: number;
  /** Upstream connections kept per origin. */
  upstreamConnectionsPerOrigin: number;
  /** Idle time allowed between two chunks of an upstream stream before it is abandoned (ms). */
  streamIdleTimeoutMs: number;
  /** Retry backoff: full jitter over min(cap, base·2^n). */
  retryBaseMs: number;
  retryCapMs: number;
  /** Refuse requests without a gateway API key even for inline configs with raw provider keys. */
  requireApiKey: boolean;
  /** Log request and response bodies (off by default: prompts are private). */
  logBodies: boolean;
  /** Where upstream connections may go (TRUSTED_CUSTOM_HOSTS, GATEWAY_VIRTUAL_KEY_HOST_RANGES). */
  egress: EgressSettings;
  /** Who may call the gateway (GATEWAY_INBOUND_*, GATEWAY_TRUSTED_PROXIES, GATEWAY_COUNTRY_HEADER). */
  inbound: InboundSettings;
  /** A folder of custom provider plug-ins loaded at start-up (GATEWAY_PROVIDER_PLUGINS). */
  providerPluginsDir?: string;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    port: intFromEnv(env, 'PORT', 8787),
    host: env.HOST || '0.0.0.0',
    bodyLimitBytes: intFromEnv(env, 'GATEWAY_BODY_LIMIT_BYTES', 25 * 1024 * 1024, 1024),
    headerLimitBytes: intFromEnv(env, 'GATEWAY_HEADER_LIMIT_BYTES', 64 * 1024, 4096),
    upstreamConnectionsPerOrigin: intFromEnv(env, 'GATEWAY_UPSTREAM_CONNECTIONS', 128, 1),
    streamIdleTimeoutMs: intFromEnv(env, 'GATEWAY_STREAM_IDLE_TIMEOUT_MS', 300_000, 1),
    retryBaseMs: intFromEnv(env, 'GATEWAY_RETRY_BASE_MS', 1000, 0),
    retryCapMs: intFromEnv(env, 'GATEWAY_RETRY_CAP_MS', 16_000, 0),
    requireApiKey: boolFromEnv(env, 'GATEWAY_REQUIRE_API_KEY', false),
    logBodies: boolFromEnv(env, 'GATEWAY_LOG_BODIES', false),
    egress: egressFromEnv(env),
    inbound: inboundFromEnv(env),
    providerPluginsDir: env.GATEWAY_PROVIDER_PLUGINS || undefined,
  };
}

function inboundFromEnv(env: NodeJS.ProcessEnv): InboundSettings {
  const settings: InboundSettings = {
    allow: listFromEnv(env.GATEWAY_INBOUND_ALLOW, []),
    deny: listFromEnv(env.GATEWAY_INBOUND_DENY, []),
    trustedProxies: listFromEnv(env.GATEWAY_TRUSTED_PROXIES, []),
    countryHeader: env.GATEWAY_COUNTRY_HEADER || undefined,
    allowCountries: listFromEnv(env.GATEWAY_INBOUND_ALLOW_COUNTRIES, []),
    denyCountries: listFromEnv(env.GATEWAY_INBOUND_DENY_COUNTRIES, []),
  };
  new InboundRules(settings); // throws on a malformed range or country, so a bad setting stops start-up
  return settings;
}

function egressFromEnv(env: NodeJS.ProcessEnv): EgressSettings {
  const settings = {
    trustedHosts: listFromEnv(env.TRUSTED_CUSTOM_HOSTS, DEFAULT_TRUSTED_HOSTS),
    virtualKeyRanges: listFromEnv(env.GATEWAY_VIRTUAL_KEY_HOST_RANGES, DEFAULT_VIRTUAL_KEY_RANGES),
  };
  new EgressPolicy(settings); // throws on a malformed range, so a bad setting stops start-up
  return settings;
}

/** Nest injection token for the validated config. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
