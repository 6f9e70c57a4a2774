/** The database reads behind the hot-path lookups; each runs only on a cache miss. */
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  kind: 'gateway' | 'admin';
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The workspace's settings the request path reads, loaded with the key. */
  workspace: WorkspaceSettingsRecord;
}

export interface WorkspaceSettingsRecord {
  logBodies: boolean;
  inboundRules: unknown;
}

export interface VirtualKeyRecord {
  id: string;
  slug: string;
  workspaceId: string;
  provider: string;
  enabled: boolean;
  encryptedSecret: Uint8Array;
  settings: unknown;
}

export interface SavedConfigRecord {
  id: string;
  workspaceId: string;
  version: number;
  config: unknown;
}

@Injectable()
export class LookupRepository {
  constructor(private readonly prisma: PrismaService) {}

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const row = await this.prisma.apiKey.findUnique({
      where: { keyHash },
      select: {
        id: true,
        workspaceId: true,
        kind: true,
        expiresAt: true,
        revokedAt: true,
        workspace: { select: { logBodies: true, inboundRules: true } },
      },
    });
    return row;
  }

  async virtualKey(workspaceId: string, slug: string): Promise<VirtualKeyRecord | null> {
    return this.prisma.virtualKey.findFirst({
      where: { slug, workspaceId },
      select: { id: true, slug: true, workspaceId: true, provider: true, enabled: true, encryptedSecret: true, settings: true },
    });
  }

  async savedConfig(workspaceId: string, configId: string): Promise<SavedConfigRecord | null> {
    const row = await this.prisma.config.findFirst({ where: { id: configId, workspaceId } });
    if (!row) return null;
    const version = await this.prisma.configVersion.findUnique({
      where: { configId_version: { configId, version: row.currentVersion } },
      select: { config: true },
    });
    return version && { id: row.id, workspaceId: row.workspaceId, version: row.currentVersion, config: version.config };
  }

  async workspaceSettings(workspaceId: string): Promise<WorkspaceSettingsRecord | null> {
    return this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { logBodies: true, inboundRules: true } });
  }
}
