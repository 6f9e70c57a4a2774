/**
 * The first workspace and its owner, from ADMIN_EMAIL / ADMIN_PASSWORD (at start-up or through
 * `npm run db:migrate`). Idempotent: when the user exists nothing changes, so the variables can
 * stay set; the password is never reset from the environment.
 */
import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { SYSTEM_ACTOR } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { hashPassword } from '../crypto/password.js';

export interface BootstrapAdminInput {
  email: string;
  password: string;
  workspaceName?: string;
}

export type BootstrapResult = { created: true; userId: string; workspaceId: string } | { created: false; userId: string };

export const MIN_PASSWORD_LENGTH = 12;

@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
  ) {}

  async ensureFirstAdmin(input: BootstrapAdminInput): Promise<BootstrapResult> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('ADMIN_EMAIL is not an email address.');
    const existing = await this.prisma.user.findUnique({ where: { email } });
    if (existing) return { created: false, userId: existing.id };
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new Error(`ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    const passwordHash = await hashPassword(input.password);
    const result = await this.createOwner(email, passwordHash, input.workspaceName).catch(async (error: unknown) => {
      // Another gateway process bootstrapped the same admin a moment ago (unique email).
      if ((error as { code?: string }).code !== 'P2002') throw error;
      const winner = await this.prisma.user.findUniqueOrThrow({ where: { email } });
      return { created: false as const, userId: winner.id };
    });
    if (result.created) this.logger.log(`Created the first admin ${email} as owner of workspace "${input.workspaceName ?? 'Default'}".`);
    return result;
  }

  private async createOwner(email: string, passwordHash: string, workspaceName = 'Default'): Promise<BootstrapResult> {
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, passwordHash } });
      const workspace = await tx.workspace.create({ data: { name: workspaceName } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: 'owner' } });
      await this.audit.record(tx, SYSTEM_ACTOR, {
        workspaceId: workspace.id,
        action: 'bootstrap.first_admin',
        targetType: 'user',
        targetId: user.id,
        details: { email, workspace: workspace.name },
      });
      return { created: true as const, userId: user.id, workspaceId: workspace.id };
    });
  }
}
