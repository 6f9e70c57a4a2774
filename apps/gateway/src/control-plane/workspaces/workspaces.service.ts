/** Workspaces (tenants) and their settings. Every other object belongs to exactly one workspace. */
import { Injectable } from '@nestjs/common';
import type { Role, Workspace } from '../../generated/prisma/client.js';
import { Prisma, PrismaService } from '../../database/prisma.service.js';
import type { WorkspaceInboundRules } from '../../inbound/workspace-inbound-rules.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError } from '../control-plane.errors.js';
import { InvalidationBus } from '../invalidation/invalidation.bus.js';

export interface WorkspaceView {
  id: string;
  name: string;
  logBodies: boolean;
  inboundRules: WorkspaceInboundRules | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkspaceUpdate {
  name?: string;
  logBodies?: boolean;
  inboundRules?: WorkspaceInboundRules | null;
}

export interface WorkspaceMembershipView extends WorkspaceView {
  role: Role;
}

function view(row: Workspace): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    logBodies: row.logBodies,
    inboundRules: (row.inboundRules as WorkspaceInboundRules | null) ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    private readonly bus: InvalidationBus,
  ) {}

  /** A new workspace with `ownerUserId` as its owner (when given). */
  async create(input: { name: string; logBodies?: boolean }, actor: Actor, ownerUserId?: string): Promise<WorkspaceView> {
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.workspace.create({ data: { name: input.name, logBodies: input.logBodies ?? false } });
      if (ownerUserId) await tx.membership.create({ data: { workspaceId: created.id, userId: ownerUserId, role: 'owner' } });
      await this.audit.record(tx, actor, {
        workspaceId: created.id,
        action: 'workspace.create',
        targetType: 'workspace',
        targetId: created.id,
        details: { name: input.name },
      });
      return created;
    });
    return view(row);
  }

  async listForUser(userId: string): Promise<WorkspaceMembershipView[]> {
    const rows = await this.prisma.membership.findMany({
      where: { userId },
      include: { workspace: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((m) => ({ ...view(m.workspace), role: m.role }));
  }

  async get(workspaceId: string): Promise<WorkspaceView> {
    const row = await this.prisma.workspace.findUnique({ where: { id: workspaceId } });
    if (!row) throw ControlPlaneError.notFound('workspace');
    return view(row);
  }

  async update(workspaceId: string, input: WorkspaceUpdate, actor: Actor): Promise<WorkspaceView> {
    await this.get(workspaceId);
    const { inboundRules, ...rest } = input;
    const data = inboundRules === undefined ? rest : { ...rest, inboundRules: inboundRules === null ? Prisma.DbNull : inboundRules };
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.workspace.update({ where: { id: workspaceId }, data });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'workspace.update',
        targetType: 'workspace',
        targetId: workspaceId,
        details: { ...input },
      });
      return updated;
    });
    await this.bus.publish({ kind: 'workspace', workspaceId });
    return view(row);
  }
}
