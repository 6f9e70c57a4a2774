/**
 * Members of a workspace and their roles (owner > admin > viewer). A person is a `user`, shared
 * across workspaces; adding an unknown email creates the user (with the given password). A
 * workspace always keeps at least one owner.
 */
import { Injectable } from '@nestjs/common';
import type { Prisma, Role } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane.errors.js';
import { hashPassword } from '../crypto/password.js';

export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
}

export interface AddMemberInput {
  email: string;
  role: Role;
  name?: string;
  /** Required when the email has no user yet. */
  password?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class MembersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
  ) {}

  async list(workspaceId: string): Promise<MemberView[]> {
    const rows = await this.prisma.membership.findMany({
      where: { workspaceId },
      include: { user: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt }));
  }

  async add(workspaceId: string, input: AddMemberInput, actor: Actor): Promise<MemberView> {
    const email = input.email.trim().toLowerCase();
    let user = await this.prisma.user.findUnique({ where: { email } });
    if (!user && !input.password) throw ControlPlaneError.invalid('password', 'is required to create a new user');
    const passwordHash = !user && input.password ? await hashPassword(input.password) : undefined;
    const membership = await this.prisma.$transaction(async (tx) => {
      user ??= await tx.user.create({ data: { email, name: input.name ?? null, passwordHash } });
      const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: user.id } } });
      if (existing) throw new ControlPlaneError(ControlPlaneErrorCode.Conflict, `${email} is already a member`, 'email');
      const created = await tx.membership.create({ data: { workspaceId, userId: user.id, role: input.role } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'member.add',
        targetType: 'user',
        targetId: user.id,
        details: { email, role: input.role },
      });
      return created;
    });
    return { userId: user!.id, email: user!.email, name: user!.name, role: membership.role, createdAt: membership.createdAt };
  }

  async updateRole(workspaceId: string, userId: string, role: Role, actor: Actor): Promise<MemberView> {
    const member = await this.find(workspaceId, userId);
    await this.prisma.$transaction(async (tx) => {
      if (member.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(tx, workspaceId, userId);
      await tx.membership.update({ where: { id: member.id }, data: { role } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'member.update_role',
        targetType: 'user',
        targetId: userId,
        details: { email: member.user.email, from: member.role, to: role },
      });
    });
    return { userId, email: member.user.email, name: member.user.name, role, createdAt: member.createdAt };
  }

  async remove(workspaceId: string, userId: string, actor: Actor): Promise<void> {
    const member = await this.find(workspaceId, userId);
    await this.prisma.$transaction(async (tx) => {
      if (member.role === 'owner') await this.assertAnotherOwner(tx, workspaceId, userId);
      await tx.membership.delete({ where: { id: member.id } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'member.remove',
        targetType: 'user',
        targetId: userId,
        details: { email: member.user.email, role: member.role },
      });
    });
  }

  private async assertAnotherOwner(tx: Prisma.TransactionClient, workspaceId: string, userId: string): Promise<void> {
    // Lock the workspace row so two concurrent demotions cannot both see "another owner left".
    await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    const owners = await tx.membership.count({ where: { workspaceId, role: 'owner', userId: { not: userId } } });
    if (owners === 0) throw new ControlPlaneError(ControlPlaneErrorCode.Conflict, 'a workspace needs at least one owner', 'role');
  }

  private async find(workspaceId: string, userId: string) {
    const member = UUID.test(userId)
      ? await this.prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, include: { user: true } })
      : null;
    if (!member) throw ControlPlaneError.notFound(`member ${userId}`);
    return member;
  }
}
