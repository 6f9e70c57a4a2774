/**
 * Virtual keys: a provider credential stored encrypted under a workspace and referred to by its
 * slug. The secret goes in once (create or rotate) and never comes back out of this service,
 * except to the hot-path lookup. Every write is audited and invalidates the caches.
 */
import { Injectable } from '@nestjs/common';
import type { Prisma, VirtualKey } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError } from '../control-plane.errors.js';
import { SecretBox } from '../crypto/secret-box.js';
import { newVirtualKeySlug } from '../ids.js';
import { InvalidationBus } from '../invalidation/invalidation.bus.js';
import { openSecret, sealSecret, secretHint } from './virtual-key.codec.js';
import {
  checkProviderRequirements,
  type CreateVirtualKeyInput,
  type RotateVirtualKeyInput,
  type UpdateVirtualKeyInput,
  type VirtualKeySecret,
  type VirtualKeySettings,
} from './virtual-key.schema.js';

/** A virtual key as the admin API shows it: never the secret, only its masked hint. */
export interface VirtualKeyView {
  id: string;
  slug: string;
  name: string;
  provider: string;
  secretHint: string;
  secretVersion: number;
  settings: VirtualKeySettings;
  enabled: boolean;
  rotatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toVirtualKeyView(row: VirtualKey): VirtualKeyView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    provider: row.provider,
    secretHint: row.secretHint,
    secretVersion: row.secretVersion,
    settings: (row.settings ?? {}) as VirtualKeySettings,
    enabled: row.enabled,
    rotatedAt: row.rotatedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function assertComplete(provider: string, secret: VirtualKeySecret, settings: VirtualKeySettings): void {
  const problem = checkProviderRequirements(provider, secret, settings);
  if (problem) throw ControlPlaneError.invalid(problem.field, problem.message);
}

@Injectable()
export class VirtualKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly box: SecretBox,
    private readonly audit: AuditLogService,
    private readonly bus: InvalidationBus,
  ) {}

  async create(workspaceId: string, input: CreateVirtualKeyInput, actor: Actor): Promise<VirtualKeyView> {
    assertComplete(input.provider, input.secret, input.settings);
    const slug = newVirtualKeySlug(input.name);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.virtualKey.create({
        data: {
          workspaceId,
          slug,
          name: input.name,
          provider: input.provider,
          encryptedSecret: sealSecret(this.box, slug, input.secret),
          secretHint: secretHint(input.secret),
          settings: input.settings as Prisma.InputJsonObject,
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'virtual_key.create',
        targetType: 'virtual_key',
        targetId: slug,
        details: { name: input.name, provider: input.provider, settings: input.settings },
      });
      return created;
    });
    // A request may have asked for this slug before it existed: drop the cached "not found".
    await this.bus.publish({ kind: 'virtual-key', workspaceId, slug });
    return toVirtualKeyView(row);
  }

  async list(workspaceId: string): Promise<VirtualKeyView[]> {
    const rows = await this.prisma.virtualKey.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' } });
    return rows.map(toVirtualKeyView);
  }

  async get(workspaceId: string, slug: string): Promise<VirtualKeyView> {
    return toVirtualKeyView(await this.find(workspaceId, slug));
  }

  async update(workspaceId: string, slug: string, input: UpdateVirtualKeyInput, actor: Actor): Promise<VirtualKeyView> {
    const existing = await this.find(workspaceId, slug);
    if (input.settings) assertComplete(existing.provider, openSecret(this.box, slug, existing.encryptedSecret), input.settings);
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.virtualKey.update({
        where: { id: existing.id },
        data: {
          name: input.name,
          enabled: input.enabled,
          settings: input.settings as Prisma.InputJsonObject | undefined,
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: input.enabled === false ? 'virtual_key.disable' : input.enabled === true ? 'virtual_key.enable' : 'virtual_key.update',
        targetType: 'virtual_key',
        targetId: slug,
        details: { ...input },
      });
      return updated;
    });
    await this.bus.publish({ kind: 'virtual-key', workspaceId, slug });
    return toVirtualKeyView(row);
  }

  /** Replaces the secret; the slug, and so every config that names it, stays. */
  async rotate(workspaceId: string, slug: string, input: RotateVirtualKeyInput, actor: Actor): Promise<VirtualKeyView> {
    const existing = await this.find(workspaceId, slug);
    assertComplete(existing.provider, input.secret, existing.settings as VirtualKeySettings);
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.virtualKey.update({
        where: { id: existing.id },
        data: {
          encryptedSecret: sealSecret(this.box, slug, input.secret),
          secretHint: secretHint(input.secret),
          secretVersion: { increment: 1 },
          rotatedAt: new Date(),
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'virtual_key.rotate',
        targetType: 'virtual_key',
        targetId: slug,
        details: { secretVersion: updated.secretVersion },
      });
      return updated;
    });
    await this.bus.publish({ kind: 'virtual-key', workspaceId, slug });
    return toVirtualKeyView(row);
  }

  async remove(workspaceId: string, slug: string, actor: Actor): Promise<void> {
    const existing = await this.find(workspaceId, slug);
    await this.prisma.$transaction(async (tx) => {
      await tx.virtualKey.delete({ where: { id: existing.id } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'virtual_key.delete',
        targetType: 'virtual_key',
        targetId: slug,
        details: { name: existing.name, provider: existing.provider },
      });
    });
    await this.bus.publish({ kind: 'virtual-key', workspaceId, slug });
  }

  /** Slugs of this workspace that exist, out of `slugs` (saved configs check their references). */
  async existingSlugs(workspaceId: string, slugs: string[]): Promise<Set<string>> {
    if (slugs.length === 0) return new Set();
    const rows = await this.prisma.virtualKey.findMany({ where: { workspaceId, slug: { in: slugs } }, select: { slug: true } });
    return new Set(rows.map((r) => r.slug));
  }

  private async find(workspaceId: string, slug: string): Promise<VirtualKey> {
    const row = await this.prisma.virtualKey.findFirst({ where: { workspaceId, slug } });
    if (!row) throw ControlPlaneError.notFound(`virtual key ${slug}`);
    return row;
  }
}
