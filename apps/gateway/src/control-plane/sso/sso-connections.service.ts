/**
 * SSO connections of a workspace: stored with the client secret sealed like virtual-key secrets
 * (AES-256-GCM under the master key, bound to the connection id) and never returned; the
 * workspace's password sign-in switch, which may go off only once a connection has worked.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Prisma, Role, SsoConnection } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Actor } from '../audit/actor.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane.errors.js';
import { maskSecret } from '../crypto/tokens.js';
import type { RoleMappingRule } from './role-mapping.js';
import type { CreateSsoConnectionInput, UpdateSsoConnectionInput } from './sso-connection.schema.js';
import { SsoSecretBox } from './sso-secret-box.js';

export interface SsoConnectionView {
  id: string;
  workspaceId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretHint: string;
  scopes: string[];
  groupsClaim: string;
  roleMappings: RoleMappingRule[];
  defaultRole: Role | null;
  allowedDomains: string[];
  enabled: boolean;
  verifiedAt: Date | null;
  lastTest: unknown;
  createdAt: Date;
  updatedAt: Date;
}

/** What a sign-in needs: the row plus the opened client secret (never leaves the server). */
export interface SsoConnectionSecrets {
  connection: SsoConnectionView;
  clientSecret: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(row: SsoConnection): SsoConnectionView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretHint: row.clientSecretHint,
    scopes: row.scopes,
    groupsClaim: row.groupsClaim,
    roleMappings: row.roleMappings as unknown as RoleMappingRule[],
    defaultRole: row.defaultRole,
    allowedDomains: row.allowedDomains,
    enabled: row.enabled,
    verifiedAt: row.verifiedAt,
    lastTest: row.lastTest,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The secret's associated data: a sealed secret copied onto another connection does not open. */
const secretAad = (id: string) => `sso-connection:${id}`;

@Injectable()
export class SsoConnectionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    private readonly box: SsoSecretBox,
  ) {}

  /** For the sign-in page: enabled connections of every workspace, names only. */
  async listPublic(): Promise<{ id: string; name: string }[]> {
    return this.prisma.ssoConnection.findMany({ where: { enabled: true }, select: { id: true, name: true }, orderBy: { createdAt: 'asc' } });
  }

  async list(workspaceId: string): Promise<SsoConnectionView[]> {
    const rows = await this.prisma.ssoConnection.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
    return rows.map(view);
  }

  async get(workspaceId: string, id: string): Promise<SsoConnectionView> {
    return view(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, input: CreateSsoConnectionInput, actor: Actor): Promise<SsoConnectionView> {
    const id = randomUUID();
    const { clientSecret, roleMappings, ...rest } = input;
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.ssoConnection.create({
        data: {
          ...rest,
          id,
          workspaceId,
          roleMappings: roleMappings as unknown as Prisma.InputJsonValue,
          encryptedClientSecret: Uint8Array.from(this.box.seal(clientSecret, secretAad(id))),
          clientSecretHint: maskSecret(clientSecret),
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'sso_connection.create',
        targetType: 'sso_connection',
        targetId: id,
        details: { name: input.name, issuer: input.issuer, clientId: input.clientId },
      });
      return created;
    });
    return view(row);
  }

  async update(workspaceId: string, id: string, input: UpdateSsoConnectionInput, actor: Actor): Promise<SsoConnectionView> {
    const existing = await this.find(workspaceId, id);
    const { clientSecret, roleMappings, ...rest } = input;
    // A new issuer or client is a new trust relationship: it has to prove itself again.
    const identityChanged = (rest.issuer !== undefined && rest.issuer !== existing.issuer) || (rest.clientId !== undefined && rest.clientId !== existing.clientId);
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.ssoConnection.update({
        where: { id },
        data: {
          ...rest,
          ...(roleMappings !== undefined ? { roleMappings: roleMappings as unknown as Prisma.InputJsonValue } : {}),
          ...(clientSecret !== undefined ? { encryptedClientSecret: Uint8Array.from(this.box.seal(clientSecret, secretAad(id))), clientSecretHint: maskSecret(clientSecret) } : {}),
          ...(identityChanged ? { verifiedAt: null } : {}),
        },
      });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'sso_connection.update',
        targetType: 'sso_connection',
        targetId: id,
        details: { fields: Object.keys(input).filter((k) => k !== 'clientSecret'), clientSecretReplaced: clientSecret !== undefined },
      });
      return updated;
    });
    return view(row);
  }

  async remove(workspaceId: string, id: string, actor: Actor): Promise<void> {
    const existing = await this.find(workspaceId, id);
    await this.prisma.$transaction(async (tx) => {
      await tx.ssoConnection.delete({ where: { id } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'sso_connection.delete',
        targetType: 'sso_connection',
        targetId: id,
        details: { name: existing.name },
      });
    });
  }

  /** Any workspace's connection with its secret opened, for the sign-in flow. */
  async forSignIn(id: string): Promise<SsoConnectionSecrets | undefined> {
    const row = UUID.test(id) ? await this.prisma.ssoConnection.findUnique({ where: { id } }) : null;
    if (!row) return undefined;
    return { connection: view(row), clientSecret: this.box.open(row.encryptedClientSecret, secretAad(row.id)) };
  }

  async markVerified(id: string): Promise<void> {
    await this.prisma.ssoConnection.updateMany({ where: { id, verifiedAt: null }, data: { verifiedAt: new Date() } });
  }

  async recordTest(id: string, result: Record<string, unknown>): Promise<void> {
    await this.prisma.ssoConnection.update({ where: { id }, data: { lastTest: result as Prisma.InputJsonValue } });
  }

  async settings(workspaceId: string): Promise<{ passwordLogin: boolean; ssoVerified: boolean }> {
    const workspace = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { passwordLogin: true } });
    if (!workspace) throw ControlPlaneError.notFound('workspace');
    const verified = await this.prisma.ssoConnection.count({ where: { workspaceId, enabled: true, verifiedAt: { not: null } } });
    return { passwordLogin: workspace.passwordLogin, ssoVerified: verified > 0 };
  }

  /** Switching password sign-in off needs an enabled connection that has signed someone in (or passed a test). */
  async setPasswordLogin(workspaceId: string, enabled: boolean, actor: Actor): Promise<{ passwordLogin: boolean; ssoVerified: boolean }> {
    const current = await this.settings(workspaceId);
    if (!enabled && !current.ssoVerified) {
      throw new ControlPlaneError(
        ControlPlaneErrorCode.Conflict,
        'password sign-in can be switched off only once an enabled SSO connection has signed someone in or passed a test',
        'passwordLogin',
      );
    }
    await this.prisma.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspaceId }, data: { passwordLogin: enabled } });
      await this.audit.record(tx, actor, {
        workspaceId,
        action: 'workspace.password_login',
        targetType: 'workspace',
        targetId: workspaceId,
        details: { passwordLogin: enabled },
      });
    });
    return { ...current, passwordLogin: enabled };
  }

  private async find(workspaceId: string, id: string): Promise<SsoConnection> {
    const row = UUID.test(id) ? await this.prisma.ssoConnection.findFirst({ where: { id, workspaceId } }) : null;
    if (!row) throw ControlPlaneError.notFound(`SSO connection ${id}`);
    return row;
  }
}
