/**
 * Seeds the SSO connection named by SSO_* variables on first start, after the bootstrap owner and
 * workspace exist. Only once: when the workspace already has a connection for that issuer and
 * client id nothing changes, so edits made in the console are never overwritten by a restart.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { SYSTEM_ACTOR } from '../audit/actor.js';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from '../control-plane.options.js';
import { SsoConnectionsService } from './sso-connections.service.js';
import { SSO_OPTIONS, type SsoOptions } from './sso.options.js';

@Injectable()
export class SsoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SSO');

  constructor(
    @Inject(SSO_OPTIONS) private readonly options: SsoOptions,
    @Inject(CONTROL_PLANE_OPTIONS) private readonly controlPlane: ControlPlaneOptions,
    private readonly prisma: PrismaService,
    private readonly connections: SsoConnectionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seed = this.options.seed;
    if (!seed) return;
    const workspaceId = seed.workspaceId ?? (await this.defaultWorkspace());
    if (!workspaceId) {
      this.logger.warn('SSO_ISSUER_URL is set but there is no workspace yet: set ADMIN_EMAIL/ADMIN_PASSWORD too, or SSO_WORKSPACE_ID.');
      return;
    }
    const { issuer, clientId } = seed.connection;
    const existing = await this.prisma.ssoConnection.findFirst({ where: { workspaceId, issuer, clientId } });
    if (existing) return;
    const created = await this.connections.create(workspaceId, seed.connection, SYSTEM_ACTOR);
    this.logger.log(`Seeded SSO connection "${created.name}" (${issuer}) from the environment.`);
  }

  private async defaultWorkspace(): Promise<string | undefined> {
    const email = this.controlPlane.bootstrapAdmin?.email.trim().toLowerCase();
    if (email) {
      const owned = await this.prisma.membership.findFirst({ where: { role: 'owner', user: { email } }, orderBy: { createdAt: 'asc' } });
      if (owned) return owned.workspaceId;
    }
    return (await this.prisma.workspace.findFirst({ orderBy: { createdAt: 'asc' } }))?.id;
  }
}
