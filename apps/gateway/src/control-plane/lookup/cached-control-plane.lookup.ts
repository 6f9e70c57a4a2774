/**
 * The hot-path lookups: API keys by hash, virtual keys by slug, saved configs by id. Answers come
 * from memory; a miss costs one database read, shared by all requests waiting for it, and is then
 * cached (negative answers too). Writes anywhere invalidate through the InvalidationBus, so a
 * revoked key or a new config version is seen by every process within about a second.
 *
 * Expiry is checked on every call against the cached expiry time, so an expired key is refused
 * at the exact moment without any invalidation.
 */
import { Logger } from '@nestjs/common';
import {
  ControlPlaneLookup,
  type Lookup,
  type ResolvedApiKey,
  type ResolvedSavedConfig,
  type ResolvedVirtualKey,
} from '../control-plane.port.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { sha256Hex } from '../crypto/tokens.js';
import type { InvalidationBus, InvalidationEvent } from '../invalidation/invalidation.bus.js';
import { openSecret, toProviderOptions } from '../virtual-keys/virtual-key.codec.js';
import { isDatabaseUnreachable } from '../../database/unreachable.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { InboundRules } from '../../inbound/inbound-rules.js';
import { LookupCache } from './lookup-cache.js';
import type { LookupRepository } from './lookup.repository.js';
import type { WorkspaceSettingsCache } from './workspace-settings.cache.js';

/** Not an outage: the stored secret does not open with this GATEWAY_MASTER_KEY. */
class UndecryptableKeyError extends Error {}

type CachedApiKey = { resolved: Lookup<ResolvedApiKey>; expiresAt?: number; revoked: boolean } | null;

const NOT_FOUND = Object.freeze({ ok: false, reason: 'not-found' } as const);
const REVOKED = Object.freeze({ ok: false, reason: 'revoked' } as const);
const EXPIRED = Object.freeze({ ok: false, reason: 'expired' } as const);

export interface LookupOptions {
  /** Safety net for a lost invalidation: entries older than this are reloaded in the background. */
  maxAgeMs?: number;
}

/**
 * Cached answers are shared by every request (and tenant-scoped): frozen, so a caller that
 * mutates one (say, merging overrides into the options) fails loudly instead of leaking the
 * change into other requests.
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function scoped(workspaceId: string, id: string): string {
  return `${workspaceId}\u0000${id}`;
}

export class CachedControlPlaneLookup extends ControlPlaneLookup {
  readonly enabled = true;
  private readonly logger = new Logger('ControlPlaneLookup');
  private readonly apiKeys: LookupCache<CachedApiKey>;
  private readonly virtualKeys: LookupCache<Lookup<ResolvedVirtualKey>>;
  private readonly configs: LookupCache<Lookup<ResolvedSavedConfig>>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly repository: LookupRepository,
    private readonly box: SecretBox,
    private readonly settings: WorkspaceSettingsCache,
    bus: InvalidationBus,
    options: LookupOptions = {},
  ) {
    super();
    const maxAgeMs = options.maxAgeMs;
    this.apiKeys = new LookupCache({ isNegative: (v) => v === null, maxAgeMs });
    this.virtualKeys = new LookupCache({ isNegative: (v) => !v.ok && v.reason === 'not-found', maxAgeMs });
    this.configs = new LookupCache({ isNegative: (v) => !v.ok && v.reason === 'not-found', maxAgeMs });
    this.unsubscribe = bus.subscribe((event) => this.invalidate(event));
  }

  async authenticate(rawKey: string): Promise<Lookup<ResolvedApiKey>> {
    if (!rawKey) return NOT_FOUND;
    const keyHash = sha256Hex(rawKey);
    const record = await this.apiKeys.get(keyHash, () => this.reachable(this.loadApiKey(keyHash)));
    if (!record) return NOT_FOUND;
    if (record.revoked) return REVOKED;
    if (record.expiresAt !== undefined && record.expiresAt <= Date.now()) return EXPIRED;
    return record.resolved;
  }

  async virtualKey(workspaceId: string, slug: string): Promise<Lookup<ResolvedVirtualKey>> {
    if (!workspaceId || !slug) return NOT_FOUND;
    return this.virtualKeys.get(scoped(workspaceId, slug), () => this.reachable(this.loadVirtualKey(workspaceId, slug)));
  }

  async savedConfig(workspaceId: string, configId: string): Promise<Lookup<ResolvedSavedConfig>> {
    if (!workspaceId || !configId) return NOT_FOUND;
    return this.configs.get(scoped(workspaceId, configId), () => this.reachable(this.loadConfig(workspaceId, configId)));
  }

  override inboundRules(workspaceId: string): InboundRules | undefined {
    return this.settings.inboundRules(workspaceId);
  }

  /** Entries held, for metrics and tests. */
  cacheSizes(): { apiKeys: number; virtualKeys: number; configs: number } {
    return { apiKeys: this.apiKeys.size, virtualKeys: this.virtualKeys.size, configs: this.configs.size };
  }

  close(): void {
    this.unsubscribe();
  }

  /**
   * A load that failed in the database (down, unreachable, timed out) is the caller's 503, with
   * words, not a 500: what is cached keeps serving, only the misses wait for the database.
   */
  private async reachable<T>(load: Promise<T>): Promise<T> {
    try {
      return await load;
    } catch (error) {
      if (error instanceof GatewayError || error instanceof UndecryptableKeyError) throw error;
      // pg's own error carries the code; Prisma's wraps it in `cause`.
      const pgCode = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
      if (pgCode === '22021' || pgCode === '22P05') throw new GatewayError('bad-request', 'The request contains characters that cannot be looked up (such as a NUL byte)');
      if (!isDatabaseUnreachable(error)) throw error;
      this.logger.warn(`Control plane lookup failed: ${(error as Error)?.message ?? String(error)}`);
      throw new GatewayError(
        'unavailable',
        'The control plane database is unreachable: this request needs a key or config the gateway has not cached; retry shortly',
      );
    }
  }

  private async loadApiKey(keyHash: string): Promise<CachedApiKey> {
    const row = await this.repository.apiKeyByHash(keyHash);
    // Admin keys are for the admin API only; on the gateway they do not exist.
    if (!row || row.kind !== 'gateway') return null;
    this.settings.remember(row.workspaceId, row.workspace);
    return deepFreeze({
      resolved: { ok: true, value: { id: row.id, workspaceId: row.workspaceId } },
      expiresAt: row.expiresAt?.getTime(),
      revoked: row.revokedAt !== null,
    });
  }

  private async loadVirtualKey(workspaceId: string, slug: string): Promise<Lookup<ResolvedVirtualKey>> {
    const row = await this.repository.virtualKey(workspaceId, slug);
    if (!row) return NOT_FOUND;
    if (!row.enabled) return { ok: false, reason: 'disabled' };
    let secret;
    try {
      secret = openSecret(this.box, row.slug, row.encryptedSecret);
    } catch {
      // Not cached: after fixing GATEWAY_MASTER_KEY a restart is not even needed.
      this.logger.error(`Virtual key ${slug} cannot be decrypted: is GATEWAY_MASTER_KEY the key it was stored with?`);
      throw new UndecryptableKeyError(`Virtual key ${slug} cannot be decrypted`);
    }
    return deepFreeze({
      ok: true,
      value: { slug: row.slug, workspaceId: row.workspaceId, provider: row.provider, options: toProviderOptions(row.provider, row.settings, secret) },
    });
  }

  private async loadConfig(workspaceId: string, configId: string): Promise<Lookup<ResolvedSavedConfig>> {
    const row = await this.repository.savedConfig(workspaceId, configId);
    return row ? deepFreeze({ ok: true, value: row }) : NOT_FOUND;
  }

  private invalidate(event: InvalidationEvent): void {
    switch (event.kind) {
      case 'api-key':
        this.apiKeys.delete(event.keyHash);
        return;
      case 'virtual-key':
        this.virtualKeys.delete(scoped(event.workspaceId, event.slug));
        return;
      case 'config':
        this.configs.delete(scoped(event.workspaceId, event.configId));
        return;
      case 'workspace':
        this.settings.reload(event.workspaceId);
        return;
      case 'all':
        this.apiKeys.clear();
        this.virtualKeys.clear();
        this.configs.clear();
        this.settings.forget();
        return;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  }
}
