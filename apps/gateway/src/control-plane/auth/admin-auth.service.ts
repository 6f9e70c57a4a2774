/**
 * Authentication for the admin API: password login and SSO issuing session tokens (sent back as
 * a cookie and usable as a Bearer token), and admin API keys for automation. Both are random
 * 256-bit tokens stored only as SHA-256. Sessions are server-side rows, so logout and "sign out
 * everywhere" take effect on the next request.
 *
 * Password sign-in can be switched off per workspace (once its SSO works): a password session then
 * simply does not carry that workspace's role. The break-glass path is the bootstrap owner
 * (ADMIN_EMAIL) signing in with the password while the server runs with GATEWAY_BREAK_GLASS=true:
 * it needs access to the server, not only a leaked password, and every use is audited.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Prisma, SessionMethod } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane.errors.js';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from '../control-plane.options.js';
import { hashPassword, verifyPassword } from '../crypto/password.js';
import { newToken, sha256Hex, TOKEN_PREFIX } from '../crypto/tokens.js';
import type { AdminPrincipal } from './admin-principal.js';
import { ControlPlanePool } from '../control-plane.pool.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  method: SessionMethod;
  user: { id: string; email: string; name: string | null };
}

export const PASSWORD_LOGIN_OFF_MESSAGE = 'password sign-in is switched off for your workspaces: sign in with SSO';

// Verified against when the email is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= hashPassword('not-a-real-password'));

/** GATEWAY_BREAK_GLASS=true lets the bootstrap owner past "password sign-in off". */
export function breakGlassEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GATEWAY_BREAK_GLASS === 'true';
}

@Injectable()
export class AdminAuthService {
  private readonly logger = new Logger('AdminAuth');

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    @Inject(CONTROL_PLANE_OPTIONS) private readonly options: ControlPlaneOptions,
    private readonly pool: ControlPlanePool,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.prisma.user.findUnique({
      where: { email: email.trim().toLowerCase() },
      include: { memberships: { include: { workspace: { select: { passwordLogin: true } } } } },
    });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await timingDummy()));
    if (!user || !ok) throw new ControlPlaneError(ControlPlaneErrorCode.Unauthenticated, 'invalid email or password');

    let method: SessionMethod = 'password';
    const closed = user.memberships.filter((m) => !m.workspace.passwordLogin);
    if (closed.length > 0) {
      if (this.isBreakGlass(user.email)) {
        method = 'break_glass';
        this.logger.warn(`Break-glass sign-in by ${user.email} (GATEWAY_BREAK_GLASS is set): unset it once SSO works again.`);
      } else if (closed.length === user.memberships.length) {
        throw new ControlPlaneError(ControlPlaneErrorCode.Forbidden, PASSWORD_LOGIN_OFF_MESSAGE);
      }
    }
    const session = await this.prisma.$transaction(async (tx) => {
      const created = await this.createSession(tx, user.id, method);
      const actor = { type: 'user' as const, id: user.id, label: user.email };
      await this.audit.record(tx, actor, { action: method === 'break_glass' ? 'auth.break_glass' : 'auth.login', targetType: 'user', targetId: user.id });
      // In the trail of every workspace whose owners switched password sign-in off, so they see it.
      if (method === 'break_glass') {
        for (const m of closed) await this.audit.record(tx, actor, { workspaceId: m.workspaceId, action: 'auth.break_glass', targetType: 'user', targetId: user.id });
      }
      return created;
    });
    return { ...session, method, user: { id: user.id, email: user.email, name: user.name } };
  }

  /** A new session row; the raw token exists only in the return value (and then the cookie). */
  async createSession(
    db: PrismaService | Prisma.TransactionClient,
    userId: string,
    method: SessionMethod,
    ssoConnectionId?: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken(TOKEN_PREFIX.session);
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await db.adminSession.create({ data: { tokenHash: sha256Hex(token), userId, expiresAt, method, ssoConnectionId: ssoConnectionId ?? null } });
    return { token, expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.prisma.adminSession.deleteMany({ where: { tokenHash: sha256Hex(token) } });
  }

  /** Revokes every session of the user (all browsers and devices); returns how many. */
  async logoutEverywhere(principal: AdminPrincipal): Promise<number> {
    if (!principal.userId) return 0;
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.adminSession.deleteMany({ where: { userId: principal.userId } });
      await this.audit.record(tx, principal.actor, {
        action: 'auth.logout_everywhere',
        targetType: 'user',
        targetId: principal.userId,
        details: { sessions: count },
      });
      return count;
    });
  }

  /** The principal behind a session token or an admin API key, or null. */
  async resolve(credential: string): Promise<AdminPrincipal | null> {
    if (credential.startsWith(TOKEN_PREFIX.session)) return this.fromSession(credential);
    if (credential.startsWith(TOKEN_PREFIX.adminKey)) return this.fromAdminKey(credential);
    return null;
  }

  private isBreakGlass(email: string): boolean {
    const bootstrapEmail = this.options.bootstrapAdmin?.email.trim().toLowerCase();
    return breakGlassEnabled() && bootstrapEmail !== undefined && bootstrapEmail === email;
  }

  private async fromSession(token: string): Promise<AdminPrincipal | null> {
    const session = await this.prisma.adminSession.findUnique({
      where: { tokenHash: sha256Hex(token) },
      include: {
        user: { include: { memberships: { include: { workspace: { select: { passwordLogin: true } } }, orderBy: { createdAt: 'asc' } } } },
      },
    });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    const { user } = session;
    // Checked on every request, so switching password sign-in off also cuts existing password sessions.
    const memberships = session.method === 'password' ? user.memberships.filter((m) => m.workspace.passwordLogin) : user.memberships;
    return {
      actor: { type: 'user', id: user.id, label: user.email },
      roles: new Map(memberships.map((m) => [m.workspaceId, m.role])),
      userId: user.id,
      email: user.email,
      sessionMethod: session.method,
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

  /**
   * Removes expired sessions; called every hour so the table does not grow forever. On the pg pool:
   * through Prisma, the first purge would load its query engine (~17 MB) into a gateway that only
   * serves traffic (control-plane.pool.ts).
   */
  async purgeExpiredSessions(): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM admin_sessions WHERE expires_at < now()');
    return rowCount ?? 0;
  }
}
