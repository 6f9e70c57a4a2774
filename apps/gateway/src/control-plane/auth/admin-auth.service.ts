/**
 * Authentication for the admin API: password login issuing a session token (sent back as a
 * cookie and usable as a Bearer token), and admin API keys for automation. Both are random
 * 256-bit tokens stored only as SHA-256. A later issue adds SSO on top of the same sessions.
 */
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane.errors.js';
import { hashPassword, verifyPassword } from '../crypto/password.js';
import { newToken, sha256Hex, TOKEN_PREFIX } from '../crypto/tokens.js';
import type { AdminPrincipal } from './admin-principal.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; name: string | null };
}

// Verified against when the email is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= hashPassword('not-a-real-password'));

@Injectable()
export class AdminAuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await timingDummy()));
    if (!user || !ok) throw new ControlPlaneError(ControlPlaneErrorCode.Unauthenticated, 'invalid email or password');
    const token = newToken(TOKEN_PREFIX.session);
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.prisma.$transaction(async (tx) => {
      await tx.adminSession.create({ data: { tokenHash: sha256Hex(token), userId: user.id, expiresAt } });
      await this.audit.record(tx, { type: 'user', id: user.id, label: user.email }, {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
      });
    });
    return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name } };
  }

  async logout(token: string): Promise<void> {
    await this.prisma.adminSession.deleteMany({ where: { tokenHash: sha256Hex(token) } });
  }

  /** The principal behind a session token or an admin API key, or null. */
  async resolve(credential: string): Promise<AdminPrincipal | null> {
    if (credential.startsWith(TOKEN_PREFIX.session)) return this.fromSession(credential);
    if (credential.startsWith(TOKEN_PREFIX.adminKey)) return this.fromAdminKey(credential);
    return null;
  }

  private async fromSession(token: string): Promise<AdminPrincipal | null> {
    const session = await this.prisma.adminSession.findUnique({
      where: { tokenHash: sha256Hex(token) },
      include: { user: { include: { memberships: true } } },
    });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    const { user } = session;
    return {
      actor: { type: 'user', id: user.id, label: user.email },
      roles: new Map(user.memberships.map((m) => [m.workspaceId, m.role])),
      userId: user.id,
      email: user.email,
    };
  }

  private async fromAdminKey(key: string): Promise<AdminPrincipal | null> {
    const row = await this.prisma.apiKey.findUnique({ where: { keyHash: sha256Hex(key) } });
    if (!row || row.kind !== 'admin' || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
    return {
      actor: { type: 'api_key', id: row.id, label: row.name },
      roles: new Map([[row.workspaceId, 'admin' as const]]),
    };
  }

  /** Removes expired sessions; called periodically so the table does not grow forever. */
  async purgeExpiredSessions(): Promise<number> {
    const { count } = await this.prisma.adminSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return count;
  }
}
