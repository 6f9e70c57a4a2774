/**
 * API keys of a workspace: `gateway` keys for apps calling the gateway, `admin` keys for
 * automation calling the admin API. A key is shown once at creation; only its SHA-256 is stored.
 * Revocation is immediate in every process (cache invalidation by key hash).
 */
import { Injectable } from '@nestjs/common';
import type { ApiKey, ApiKeyKind } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError } from '../control-plane.errors.js';
import { newToken, sha256Hex, TOKEN_PREFIX } from '../crypto/tokens.js';
import { InvalidationBus } from '../invalidation/invalidation.bus.js';

export interface ApiKeyView {
  id: string;
  name: string;
  kind: ApiKeyKind;
  hint: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface CreateApiKeyInput {
  name: string;
  kind?: ApiKeyKind;
  expiresAt?: Date;
}

export function toApiKeyView(row: ApiKey): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    hint: row.hint,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    private readonly bus: InvalidationBus,
  ) {}

  /** Returns the raw key once (`key`); it cannot be retrieved again. */
  async create(workspaceId: string, input: CreateApiKeyInput, actor: Actor): Promise<{ key: string; apiKey: ApiKeyView }> {
    const kind = input.kind ?? 'gateway';
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw ControlPlaneError.invalid('expiresAt', 'must be in the future');
    }
    const key = newToken(kind === 'admin' ? TOKEN_PREFIX.adminKey : TOKEN_PREFIX.gatewayKey);
    const keyHash = sha256Hex(key);
    const prefix = kind === 'admin' ? TOKEN_PREFIX.adminKey : TOKEN_PREFIX.gatewayKey;
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiKey.create({
        data: {
          workspaceId,
          name: input.name,
          kind,
          keyHash,
          hint: `${prefix}…${key.slice(-4)}`,
          expiresAt: input.expiresAt ?? null,
          createdBy: actor.label ?? actor.id ?? null,
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: created.id,
        details: { name: input.name, kind, expiresAt: input.expiresAt?.toISOString() ?? null },
      });
      return created;
    });
    await this.bus.publish({ kind: 'api-key', keyHash });
    return { key, apiKey: toApiKeyView(row) };
  }

  async list(workspaceId: string): Promise<ApiKeyView[]> {
    const rows = await this.prisma.apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' } });
    return rows.map(toApiKeyView);
  }

  async get(workspaceId: string, id: string): Promise<ApiKeyView> {
    return toApiKeyView(await this.find(workspaceId, id));
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revoke(workspaceId: string, id: string, actor: Actor): Promise<ApiKeyView> {
    const existing = await this.find(workspaceId, id);
    if (existing.revokedAt) return toApiKeyView(existing);
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: id,
        details: { name: existing.name, kind: existing.kind },
      });
      return updated;
    });
    await this.bus.publish({ kind: 'api-key', keyHash: existing.keyHash });
    return toApiKeyView(row);
  }

  private async find(workspaceId: string, id: string): Promise<ApiKey> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.apiKey.findFirst({ where: { id, workspaceId } }) : null;
    if (!row) throw ControlPlaneError.notFound(`API key ${id}`);
    return row;
  }
}
