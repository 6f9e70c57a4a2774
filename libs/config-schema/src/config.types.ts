/**
 * The routing config after parsing: camelCase keys, validated. This is the shape every consumer
 * (the gateway's router, the admin console) works with; the wire format is snake_case JSON
 * (camelCase accepted too), converted once by `parseConfig`.
 *
 * Values inside `overrideParams`, `conditions[].query`, hooks/guardrails and
 * `vertexServiceAccountJson` are kept verbatim: they are request bodies, metadata paths or
 * plugin parameters whose keys belong to someone else.
 */

export const STRATEGY_MODES = ['single', 'loadbalance', 'fallback', 'conditional'] as const;
export type StrategyMode = (typeof STRATEGY_MODES)[number];

export const CACHE_MODES = ['simple', 'semantic'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** Upper bound on `retry.attempts` (retries after the first call), as the reference documents. */
export const MAX_RETRY_ATTEMPTS = 5;

/** One rule of a conditional strategy: the first whose `query` matches routes to target `then`. */
export interface Condition {
  /** Mongo-like query over `metadata.*`, `params.*`, `url.pathname`; kept verbatim. */
  query: Record<string, unknown>;
  /** The `name` of a sibling target. */
  then: string;
}

export interface Strategy {
  mode: StrategyMode;
  /** Fallback only: move on only for these statuses (otherwise on any non-2xx). */
  onStatusCodes?: number[];
  /** Conditional only. */
  conditions?: Condition[];
  /** Conditional only: target name used when no condition matches. */
  default?: string;
  /** Loadbalance only (our extension): `metadata.user_id` etc.; same value → same target. */
  stickyKey?: string;
}

export interface RetrySettings {
  /** Retries after the first call (0..5). */
  attempts: number;
  onStatusCodes?: number[];
  useRetryAfterHeader?: boolean;
}

export interface CacheSettings {
  mode: CacheMode;
  /** Seconds. */
  maxAge?: number;
  /** Semantic mode: cosine similarity needed for a hit (default 0.95). */
  threshold?: number;
  /** Semantic mode: the embedding target, kept verbatim (snake_case keys: provider, api_key, virtual_key, model, custom_host). */
  embedding?: Record<string, unknown>;
}

/**
 * Hedged requests on a fallback or loadbalance node: when the first target has not answered after
 * `afterMs` (or its recent p95 latency), the same request also goes to the next target; the first
 * good answer wins and the others are aborted.
 */
export interface HedgeSettings {
  /** Milliseconds, or `p95`: the first target's recent 95th-percentile latency in this process. */
  afterMs: number | 'p95';
  /** Extra requests at most (default 1). */
  maxExtra?: number;
}

/**
 * Shadow traffic (saved configs only, root only): `sampleRate` of live requests are also sent, in
 * the background, to the saved config `configId`; the client only ever gets the primary's answer.
 */
export interface ShadowSettings {
  /** A saved config of the same workspace (`pc-…`). */
  configId: string;
  /** Share of requests shadowed, (0, 1]. */
  sampleRate: number;
}

/** Hook and guardrail lists: accepted and kept verbatim for the guardrails feature. */
export interface HookFields {
  beforeRequestHooks?: unknown[];
  afterRequestHooks?: unknown[];
  inputGuardrails?: unknown[];
  outputGuardrails?: unknown[];
  inputMutators?: unknown[];
  outputMutators?: unknown[];
}

/** Provider-specific options the providers library reads (camelCase of the reference's keys). */
export interface ProviderFields {
  resourceName?: string;
  deploymentId?: string;
  apiVersion?: string;
  azureAdToken?: string;
  azureAuthMode?: string;
  azureModelName?: string;
  anthropicVersion?: string;
  anthropicBeta?: string;
  openaiOrganization?: string;
  openaiProject?: string;
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
  awsRegion?: string;
  vertexProjectId?: string;
  vertexRegion?: string;
  /** A service-account key file; kept verbatim. */
  vertexServiceAccountJson?: Record<string, unknown>;
}

/**
 * A node of the routing tree: a leaf (a provider call) when it has no `strategy`, otherwise a
 * strategy over `targets`. Unknown keys are kept (camel-cased), as the reference tolerates them.
 */
export interface ConfigNode extends HookFields, ProviderFields {
  provider?: string;
  apiKey?: string;
  virtualKey?: string;
  customHost?: string;
  strategy?: Strategy;
  targets?: ConfigNode[];
  /** Label used by conditional routing. */
  name?: string;
  /** Loadbalance weight; default 1; 0 is never chosen. */
  weight?: number;
  /** Merged over the request body at the leaf (parent then child). Kept verbatim. */
  overrideParams?: Record<string, unknown>;
  retry?: RetrySettings;
  /** Milliseconds to wait for the response headers of one upstream call. */
  requestTimeout?: number;
  cache?: CacheSettings;
  hedge?: HedgeSettings;
  /** Root only. */
  shadow?: ShadowSettings;
  forwardHeaders?: string[];
  strictOpenAiCompliance?: boolean;
  [key: string]: unknown;
}

/** The root of a routing config. */
export type RoutingConfig = ConfigNode;

/** One validation problem: where (snake_case path, as written in the docs) and what. */
export interface ConfigIssue {
  path: Array<string | number>;
  message: string;
}

export type ConfigParseResult =
  | { ok: true; config: RoutingConfig }
  | {
      ok: false;
      /** `Invalid config passed` or, for text that is not JSON, the reference's longer message. */
      message: string;
      /** The reference's format: `path: <comma-joined path>, message: <text>`. */
      errors: string[];
      /** The same problems, structured (for the admin console to point at fields). */
      issues: ConfigIssue[];
    };
