import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import { ApiKeysService, type ApiKeyView } from '../../control-plane/api-keys/api-keys.service.js';
import { can, type AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../control-plane/control-plane.errors.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { createApiKeySchema } from '../admin.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

/**
 * Members see and revoke the gateway keys they created; admins every key; owners alone create
 * admin API keys. A key is the member's when its `createdBy` is their email (the label the key
 * service records for people, and emails are unique).
 */
function ownedBy(principal: AdminPrincipal, key: ApiKeyView): boolean {
  return principal.actor.type === 'user' && key.createdBy !== null && key.createdBy === principal.actor.label;
}

@AdminController(`${WORKSPACE_PREFIX}/api-keys`, 'api keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @RequirePermission('api-keys:own')
  @ApiOperation({ summary: 'API keys of the workspace (members: their own); hashes only, keys are shown once at creation' })
  async list(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string) {
    const keys = await this.apiKeys.list(workspaceId);
    return can(principal, workspaceId, 'api-keys:manage') ? keys : keys.filter((k) => ownedBy(principal, k));
  }

  @Post()
  @RequirePermission('api-keys:own')
  @ApiOperation({ summary: 'Create a gateway key (apps) or an admin key (automation, owner only); `key` is shown only here' })
  @ZodBody(createApiKeySchema)
  create(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(createApiKeySchema)) body: { name: string; kind: 'gateway' | 'admin'; expiresAt?: Date },
  ) {
    if (body.kind === 'admin' && !can(principal, workspaceId, 'admin-keys:manage')) {
      throw new ControlPlaneError(ControlPlaneErrorCode.Forbidden, 'only owners create admin API keys');
    }
    return this.apiKeys.create(workspaceId, body, principal.actor);
  }

  @Get(':apiKeyId')
  @RequirePermission('api-keys:own')
  @ApiOperation({ summary: 'One API key' })
  get(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('apiKeyId') apiKeyId: string) {
    return this.visible(principal, workspaceId, apiKeyId);
  }

  @Post(':apiKeyId/revoke')
  @RequirePermission('api-keys:own')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key (members: their own); every gateway process refuses it within a second' })
  async revoke(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('apiKeyId') apiKeyId: string) {
    await this.visible(principal, workspaceId, apiKeyId);
    return this.apiKeys.revoke(workspaceId, apiKeyId, principal.actor);
  }

  /** Someone else's key is "not found" to a member, like another workspace's key to anyone. */
  private async visible(principal: AdminPrincipal, workspaceId: string, apiKeyId: string): Promise<ApiKeyView> {
    const key = await this.apiKeys.get(workspaceId, apiKeyId);
    if (!can(principal, workspaceId, 'api-keys:manage') && !ownedBy(principal, key)) throw ControlPlaneError.notFound(`API key ${apiKeyId}`);
    return key;
  }
}
