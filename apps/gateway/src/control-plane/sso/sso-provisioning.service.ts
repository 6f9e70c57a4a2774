/**
 * Just-in-time provisioning: the person behind an IdP identity becomes (or is found as) a user,
 * with the mapped role in the connection's workspace. The identity (`sub` at this connection) is
 * linked on first sign-in, so a later email change at the IdP still finds the same user. A role
 * that comes from a matching rule follows the IdP on every sign-in (a group removed there is a
 * role removed here); the default role only applies to new members, so a role given by hand in
 * the console is kept when no rule speaks for the person. A sign-in never demotes a workspace's
 * last owner.
 */
import { Injectable } from '@nestjs/common';
import type { Prisma, Role } from '../../generated/prisma/client.js';
import { AuditLogService } from '../audit/audit-log.service.js';

export interface ProvisionInput {
  connectionId: string;
  workspaceId: string;
  subject: string;
  email: string;
  name?: string;
  role: Role;
  /** The role came from a matching rule (the IdP is authoritative), not from the default. */
  fromRule: boolean;
}

export interface Provisioned {
  userId: string;
  email: string;
  role: Role;
  createdUser: boolean;
}

@Injectable()
export class SsoProvisioningService {
  constructor(private readonly audit: AuditLogService) {}

  async provision(input: ProvisionInput, tx: Prisma.TransactionClient): Promise<Provisioned> {
    const identity = await tx.ssoIdentity.findUnique({
      where: { connectionId_subject: { connectionId: input.connectionId, subject: input.subject } },
      include: { user: true },
    });
    let user = identity?.user ?? (await tx.user.findUnique({ where: { email: input.email } }));
    const createdUser = !user;
    user ??= await tx.user.create({ data: { email: input.email, name: input.name ?? null } });
    const actor = { type: 'user' as const, id: user.id, label: user.email };
    if (!identity) {
      await tx.ssoIdentity.create({ data: { connectionId: input.connectionId, subject: input.subject, userId: user.id } });
    }

    const membership = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: user.id } } });
    let role = input.role;
    if (!membership) {
      await tx.membership.create({ data: { workspaceId: input.workspaceId, userId: user.id, role } });
      await this.audit.record(tx, actor, {
        workspaceId: input.workspaceId,
        action: 'member.sso_provision',
        targetType: 'user',
        targetId: user.id,
        details: { email: user.email, role, connectionId: input.connectionId, createdUser },
      });
    } else if (!input.fromRule) {
      role = membership.role;
    } else if (membership.role !== role) {
      if (membership.role === 'owner' && !(await this.anotherOwner(tx, input.workspaceId, user.id))) {
        role = 'owner';
      } else {
        await tx.membership.update({ where: { id: membership.id }, data: { role } });
        await this.audit.record(tx, actor, {
          workspaceId: input.workspaceId,
          action: 'member.sso_role_sync',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, from: membership.role, to: role, connectionId: input.connectionId },
        });
      }
    }
    return { userId: user.id, email: user.email, role, createdUser };
  }

  private async anotherOwner(tx: Prisma.TransactionClient, workspaceId: string, userId: string): Promise<boolean> {
    await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    return (await tx.membership.count({ where: { workspaceId, role: 'owner', userId: { not: userId } } })) > 0;
  }
}
