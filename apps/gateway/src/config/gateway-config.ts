import { type InboundSettings, InboundRules } from '../inbound/inbound-rules.js';
import { DEFAULT_TRUSTED_HOSTS, DEFAULT_VIRTUAL_KEY_RANGES, type EgressSettings, EgressPolicy } from '../egress/egress-policy.js';
import { EnvReader } from './env-reader.js';

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
  /** On SIGTERM, how long requests and streams in flight may take to finish (ms). */
  shutdownGraceMs: number;
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
  /** Response cache: Redis shared by replicas (REDIS_URL), else in-process with this byte budget. */
  cacheRedisUrl?: string;
  cacheMaxBytes: number;
  /** Guardrail plug-ins to enable: folders or npm packages (GATEWAY_GUARDRAIL_PLUGINS, comma-separated). */
  guardrailPlugins: string[];
  /** A guardrail check's timeout unless its hook or parameters set one (GATEWAY_GUARDRAIL_TIMEOUT_MS). */
  guardrailTimeoutMs: number;
  /** Bearer token GET /metrics requires (GATEWAY_METRICS_TOKEN); open when unset. Sensitive. */
  metricsToken?: string;
  /** One structured log line per request (GATEWAY_ACCESS_LOG). */
  accessLog: boolean;
  /** OTLP/HTTP collector for traces (OTEL_EXPORTER_OTLP_ENDPOINT); no export when unset. */
  otlpEndpoint?: string;
  otelServiceName: string;
  /** Shadow traffic (shadow/): shadows run at once, shadows waiting beyond those (then dropped), one shadow's time limit. */
  shadowConcurrency?: number;
  shadowQueue?: number;
  shadowTimeoutMs?: number;
}

/** The gateway's settings from the environment; every bad value is named in one ConfigError. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const read = new EnvReader(env);
  const config: GatewayConfig = {
    port: read.int('PORT', 8787),
    host: read.string('HOST', '0.0.0.0'),
    bodyLimitBytes: read.int('GATEWAY_BODY_LIMIT_BYTES', 25 * 1024 * 1024, 1024),
    headerLimitBytes: read.int('GATEWAY_HEADER_LIMIT_BYTES', 64 * 1024, 4096),
    upstreamConnectionsPerOrigin: read.int('GATEWAY_UPSTREAM_CONNECTIONS', 128, 1),
    streamIdleTimeoutMs: read.int('GATEWAY_STREAM_IDLE_TIMEOUT_MS', 300_000, 1),
    // Under Kubernetes' default 30 s grace period, so the log flush still happens before SIGKILL.
    shutdownGraceMs: read.int('GATEWAY_SHUTDOWN_GRACE_MS', 25_000, 0),
    retryBaseMs: read.int('GATEWAY_RETRY_BASE_MS', 1000, 0),
    retryCapMs: read.int('GATEWAY_RETRY_CAP_MS', 16_000, 0),
    requireApiKey: read.bool('GATEWAY_REQUIRE_API_KEY', false),
    logBodies: read.bool('GATEWAY_LOG_BODIES', false),
    egress: egressFrom(read),
    inbound: inboundFrom(read),
    providerPluginsDir: env.GATEWAY_PROVIDER_PLUGINS || undefined,
    cacheRedisUrl: env.REDIS_URL || undefined,
    cacheMaxBytes: read.int('GATEWAY_CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024),
    guardrailPlugins: read.list('GATEWAY_GUARDRAIL_PLUGINS', []),
    guardrailTimeoutMs: read.int('GATEWAY_GUARDRAIL_TIMEOUT_MS', 5000, 1),
    metricsToken: env.GATEWAY_METRICS_TOKEN || undefined,
    accessLog: read.bool('GATEWAY_ACCESS_LOG', false),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    otelServiceName: env.OTEL_SERVICE_NAME || 'ai-gateway',
    shadowConcurrency: read.int('GATEWAY_SHADOW_CONCURRENCY', 8, 1),
    shadowQueue: read.int('GATEWAY_SHADOW_QUEUE', 100, 0),
    shadowTimeoutMs: read.int('GATEWAY_SHADOW_TIMEOUT_MS', 60_000, 1),
  };
  read.assertValid();
  return config;
}

function inboundFrom(read: EnvReader): InboundSettings {
  const settings: InboundSettings = {
    allow: read.list('GATEWAY_INBOUND_ALLOW', []),
    deny: read.list('GATEWAY_INBOUND_DENY', []),
    trustedProxies: read.list('GATEWAY_TRUSTED_PROXIES', []),
    countryHeader: read.env.GATEWAY_COUNTRY_HEADER || undefined,
    allowCountries: read.list('GATEWAY_INBOUND_ALLOW_COUNTRIES', []),
    denyCountries: read.list('GATEWAY_INBOUND_DENY_COUNTRIES', []),
  };
  read.check(() => new InboundRules(settings), undefined);
  return settings;
}

function egressFrom(read: EnvReader): EgressSettings {
  const settings = {
    trustedHosts: read.list('TRUSTED_CUSTOM_HOSTS', DEFAULT_TRUSTED_HOSTS),
    virtualKeyRanges: read.list('GATEWAY_VIRTUAL_KEY_HOST_RANGES', DEFAULT_VIRTUAL_KEY_RANGES),
  };
  read.check(() => new EgressPolicy(settings), undefined);
  return settings;
}

/** Nest injection token for the validated config. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
