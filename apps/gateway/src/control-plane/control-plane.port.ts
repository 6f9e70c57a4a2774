/**
 * The seam between the data plane (the request path) and the control plane (Postgres-backed
 * keys, configs and logs). The request path depends only on these abstract classes, used as
 * Nest injection tokens; the control-plane module provides the Postgres-backed implementations,
 * and a gateway started without a database gets the null ones below.
 *
 * Lookups must answer from an in-process cache (no database round trip per request); a miss may
 * go to the database once and is then cached, negative answers included.
 */
import type { ProviderOptions } from '@aigw/providers';
import type { InboundRules } from '../inbound/inbound-rules.js';

export interface ResolvedApiKey {
  id: string;
  workspaceId: string;
}

export interface ResolvedVirtualKey {
  slug: string;
  workspaceId: string;
  provider: string;
  /** Decrypted credential and provider-specific settings, ready for the provider adapter. */
  options: ProviderOptions;
}

export interface ResolvedSavedConfig {
  id: string;
  workspaceId: string;
  version: number;
  /** The config JSON as saved (validated at save time; the gateway compiles it once and caches the plan). */
  config: unknown;
}

/** Why a lookup refused: the gateway maps each to its status and message. */
export type LookupFailure =
  | { reason: 'not-found' }
  | { reason: 'disabled' }
  | { reason: 'expired' }
  | { reason: 'revoked' };

export type Lookup<T> = { ok: true; value: T } | ({ ok: false } & LookupFailure);

export abstract class ControlPlaneLookup {
  /** A gateway API key (`x-portkey-api-key` or `Authorization: Bearer`), as the raw secret. */
  abstract authenticate(rawKey: string): Promise<Lookup<ResolvedApiKey>>;
  abstract virtualKey(workspaceId: string, slug: string): Promise<Lookup<ResolvedVirtualKey>>;
  abstract savedConfig(workspaceId: string, configId: string): Promise<Lookup<ResolvedSavedConfig>>;
  /** False when the gateway runs without a database: virtual keys and saved configs cannot resolve. */
  abstract readonly enabled: boolean;
  /** A workspace's own inbound rules, from memory (undefined: none, or not loaded yet). */
  inboundRules(_workspaceId: string): InboundRules | undefined {
    return undefined;
  }
}

/** One request through the gateway, as the log stores it. Written off the hot path, in batches. */
export interface RequestLogEntry {
  createdAt: Date;
  traceId: string;
  workspaceId?: string;
  apiKeyId?: string;
  virtualKeySlug?: string;
  configId?: string;
  configVersion?: number;
  provider?: string;
  model?: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  ttfbMs?: number;
  gatewayOverheadMs?: number;
  retryCount: number;
  targetPath?: string;
  cacheStatus?: string;
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
  /** The provider's billed units when it reports them apart from processed tokens (Cohere): used for cost, not stored. */
  billedPromptTokens?: number;
  billedCompletionTokens?: number;
  stream: boolean;
  errorMessage?: string;
  metadata?: Record<string, unknown>;
  /** Guardrail verdicts (`{before_request_hooks, after_request_hooks}`), only when a hook ran. */
  hookResults?: unknown;
  /** Every upstream attempt, when the request made more than one (proxy/attempt-log.ts). */
  attempts?: unknown[];
  /** Only present when the workspace enables body logging. */
  requestBody?: unknown;
  responseBody?: unknown;
}

export abstract class RequestLogSink {
  /** Never blocks and never throws: the entry is queued and written later. */
  abstract enqueue(entry: RequestLogEntry): void;
  /** Whether bodies should be captured for this workspace (cached setting). */
  abstract logsBodies(workspaceId: string | undefined): boolean;
}

/** The gateway without a database: nothing resolves, logs go nowhere. */
export class NullControlPlaneLookup extends ControlPlaneLookup {
  readonly enabled = false;
  async authenticate(): Promise<Lookup<ResolvedApiKey>> {
    return { ok: false, reason: 'not-found' };
  }
  async virtualKey(): Promise<Lookup<ResolvedVirtualKey>> {
    return { ok: false, reason: 'not-found' };
  }
  async savedConfig(): Promise<Lookup<ResolvedSavedConfig>> {
    return { ok: false, reason: 'not-found' };
  }
}

export class NullRequestLogSink extends RequestLogSink {
  enqueue(): void {}
  logsBodies(): boolean {
    return false;
  }
}
