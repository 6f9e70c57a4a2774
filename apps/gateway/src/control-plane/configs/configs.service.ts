/**
 * Saved configs (`pc-…`): a name and a list of immutable versions, one of them current. Saving
 * validates and appends a version; restoring appends a copy of an earlier one, so history is never
 * rewritten. Every write is audited and invalidates the caches.
 */
import { Injectable } from '@nestjs/common';
import type { Config, ConfigVersion, Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError } from '../control-plane.errors.js';
import { newConfigId } from '../ids.js';
import { InvalidationBus } from '../invalidation/invalidation.bus.js';
import { VirtualKeysService } from '../virtual-keys/virtual-keys.service.js';
import { validateSavedConfig } from './saved-config.validation.js';

export interface ConfigSummary {
  id: string;
  name: string;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConfigVersionView {
  version: number;
  config: unknown;
  restoredFrom: number | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface ConfigDetail extends ConfigSummary {
  config: unknown;
  versions: Omit<ConfigVersionView, 'config'>[];
}

function summary(row: Config): ConfigSummary {
  return { id: row.id, name: row.name, currentVersion: row.currentVersion, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function versionView(row: ConfigVersion): ConfigVersionView {
  return { version: row.version, config: row.config, restoredFrom: row.restoredFrom, createdBy: row.createdBy, createdAt: row.createdAt };
}

@Injectable()
export class ConfigsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly virtualKeys: VirtualKeysService,
    private readonly audit: AuditLogService,
    private readonly bus: InvalidationBus,
  ) {}

  async create(workspaceId: string, input: { name: string; config: unknown }, actor: Actor): Promise<ConfigDetail> {
    await this.validate(workspaceId, input.config);
    const id = newConfigId(input.name);
    await this.prisma.$transaction(async (tx) => {
      await tx.config.create({ data: { id, workspaceId, name: input.name, currentVersion: 1 } });
      await tx.configVersion.create({
        data: { configId: id, version: 1, config: input.config as Prisma.InputJsonValue, createdBy: actor.label ?? actor.id },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'config.create',
        targetType: 'config',
        targetId: id,
        details: { name: input.name, version: 1 },
      });
    });
    await this.bus.publish({ kind: 'config', workspaceId, configId: id });
    return this.get(workspaceId, id);
  }

  async list(workspaceId: string): Promise<ConfigSummary[]> {
    const rows = await this.prisma.config.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' } });
    return rows.map(summary);
  }

  async get(workspaceId: string, configId: string): Promise<ConfigDetail> {
    const row = await this.find(workspaceId, configId);
    const [versions, current] = await Promise.all([
      this.prisma.configVersion.findMany({
        where: { configId },
        orderBy: { version: 'desc' },
        select: { version: true, restoredFrom: true, createdBy: true, createdAt: true },
      }),
      this.prisma.configVersion.findUnique({ where: { configId_version: { configId, version: row.currentVersion } } }),
    ]);
    return { ...summary(row), config: current?.config ?? null, versions };
  }

  async getVersion(workspaceId: string, configId: string, version: number): Promise<ConfigVersionView> {
    await this.find(workspaceId, configId);
    const row = await this.prisma.configVersion.findUnique({ where: { configId_version: { configId, version } } });
    if (!row) throw ControlPlaneError.notFound(`version ${version} of config ${configId}`);
    return versionView(row);
  }

  /** Saves a new version (and optionally renames); it becomes current at once. */
  async update(workspaceId: string, configId: string, input: { name?: string; config?: unknown }, actor: Actor): Promise<ConfigDetail> {
    await this.find(workspaceId, configId);
    if (input.config !== undefined) await this.validate(workspaceId, input.config, configId);
    await this.prisma.$transaction(async (tx) => {
      if (input.config === undefined) {
        await tx.config.update({ where: { id: configId }, data: { name: input.name } });
      } else {
        const version = await this.appendVersion(tx, configId, input.config, actor, null, input.name);
        await this.audit.record(tx, actor, {
          workspaceId,
          action: 'config.save_version',
          targetType: 'config',
          targetId: configId,
          details: { version, ...(input.name ? { name: input.name } : {}) },
        });
        return;
      }
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'config.rename',
        targetType: 'config',
        targetId: configId,
        details: { name: input.name },
      });
    });
    await this.bus.publish({ kind: 'config', workspaceId, configId });
    return this.get(workspaceId, configId);
  }

  /** Makes an earlier version current again, as a new version (the history stays linear). */
  async restore(workspaceId: string, configId: string, version: number, actor: Actor): Promise<ConfigDetail> {
    const earlier = await this.getVersion(workspaceId, configId, version);
    await this.prisma.$transaction(async (tx) => {
      const created = await this.appendVersion(tx, configId, earlier.config, actor, version);
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'config.restore',
        targetType: 'config',
        targetId: configId,
        details: { restoredFrom: version, version: created },
      });
    });
    await this.bus.publish({ kind: 'config', workspaceId, configId });
    return this.get(workspaceId, configId);
  }

  async remove(workspaceId: string, configId: string, actor: Actor): Promise<void> {
    const row = await this.find(workspaceId, configId);
    await this.prisma.$transaction(async (tx) => {
      await tx.config.delete({ where: { id: configId } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'config.delete',
        targetType: 'config',
        targetId: configId,
        details: { name: row.name },
      });
    });
    await this.bus.publish({ kind: 'config', workspaceId, configId });
  }

  /** The row lock taken by the increment serialises concurrent saves of one config. */
  private async appendVersion(
    tx: Prisma.TransactionClient,
    configId: string,
    config: unknown,
    actor: Actor,
    restoredFrom: number | null,
    name?: string,
  ): Promise<number> {
    const { currentVersion } = await tx.config.update({
      where: { id: configId },
      data: { currentVersion: { increment: 1 }, ...(name ? { name } : {}) },
      select: { currentVersion: true },
    });
    await tx.configVersion.create({
      data: {
        configId,
        version: currentVersion,
        config: config as Prisma.InputJsonValue,
        restoredFrom,
        createdBy: actor.label ?? actor.id,
      },
    });
    return currentVersion;
  }

  private async validate(workspaceId: string, config: unknown, selfId?: string): Promise<void> {
    const { virtualKeys, shadowConfigId } = validateSavedConfig(config);
    if (shadowConfigId !== undefined) {
      if (shadowConfigId === selfId) throw ControlPlaneError.invalid('config.shadow.config_id', 'a config cannot shadow itself');
      const shadow = await this.prisma.config.findFirst({ where: { id: shadowConfigId, workspaceId }, select: { id: true } });
      if (!shadow) throw ControlPlaneError.invalid('config.shadow.config_id', `no saved config "${shadowConfigId}" in this workspace`);
    }
    const found = await this.virtualKeys.existingSlugs(workspaceId, [...virtualKeys.keys()]);
    for (const [slug, field] of virtualKeys) {
      if (!found.has(slug)) throw ControlPlaneError.invalid(field, `no virtual key "${slug}" in this workspace`);
    }
  }

  private async find(workspaceId: string, configId: string): Promise<Config> {
    const row = await this.prisma.config.findFirst({ where: { id: configId, workspaceId } });
    if (!row) throw ControlPlaneError.notFound(`config ${configId}`);
    return row;
  }
}
