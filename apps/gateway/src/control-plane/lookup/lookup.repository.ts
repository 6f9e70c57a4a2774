/**
 * The database reads behind the hot-path lookups; each runs only on a cache miss. Plain SQL on the
 * control plane's pg pool, not Prisma (see control-plane.pool.ts).
 */
import { Injectable } from '@nestjs/common';
import { ControlPlanePool } from '../control-plane.pool.js';

export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  kind: 'gateway' | 'admin';
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The workspace's settings the request path reads, loaded with the key. */
  workspace: WorkspaceSettingsRecord;
}

export interface WorkspaceSettingsRecord {
  logBodies: boolean;
  inboundRules: unknown;
}

export interface VirtualKeyRecord {
  id: string;
  slug: string;
  workspaceId: string;
  provider: string;
  enabled: boolean;
  encryptedSecret: Uint8Array;
  settings: unknown;
}

export interface SavedConfigRecord {
  id: string;
  workspaceId: string;
  version: number;
  config: unknown;
}

const API_KEY_BY_HASH = `
  SELECT k.id, k.workspace_id AS "workspaceId", k.kind::text AS kind, k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt",
         w.log_bodies AS "logBodies", w.inbound_rules AS "inboundRules"
  FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id
  WHERE k.key_hash = $1`;

const VIRTUAL_KEY = `
  SELECT id, slug, workspace_id AS "workspaceId", provider, enabled, encrypted_secret AS "encryptedSecret", settings
  FROM virtual_keys WHERE slug = $1 AND workspace_id = $2`;

const SAVED_CONFIG = `
  SELECT c.id, c.workspace_id AS "workspaceId", c.current_version AS version, v.config
  FROM configs c JOIN config_versions v ON v.config_id = c.id AND v.version = c.current_version
  WHERE c.id = $1 AND c.workspace_id = $2`;

const WORKSPACE_SETTINGS = `SELECT log_bodies AS "logBodies", inbound_rules AS "inboundRules" FROM workspaces WHERE id = $1`;

@Injectable()
export class LookupRepository {
  constructor(private readonly pool: ControlPlanePool) {}

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query(API_KEY_BY_HASH, [keyHash]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      kind: row.kind,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      workspace: { logBodies: row.logBodies, inboundRules: row.inboundRules },
    };
  }

  async virtualKey(workspaceId: string, slug: string): Promise<VirtualKeyRecord | null> {
    const { rows } = await this.pool.query<VirtualKeyRecord>(VIRTUAL_KEY, [slug, workspaceId]);
    return rows[0] ?? null;
  }

  async savedConfig(workspaceId: string, configId: string): Promise<SavedConfigRecord | null> {
    const { rows } = await this.pool.query<SavedConfigRecord>(SAVED_CONFIG, [configId, workspaceId]);
    return rows[0] ?? null;
  }

  async workspaceSettings(workspaceId: string): Promise<WorkspaceSettingsRecord | null> {
    const { rows } = await this.pool.query<WorkspaceSettingsRecord>(WORKSPACE_SETTINGS, [workspaceId]);
    return rows[0] ?? null;
  }
}
