import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiKeysService } from '../../control-plane/api-keys/api-keys.service.js';
import { hasRole, type AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../control-plane/control-plane.errors.js';
import { Principal, RequireRole } from '../admin.decorators.js';
import { createApiKeySchema } from '../admin.schemas.js';
import { ZodBody } from '../openapi.helpers.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/api-keys`, 'api keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'API keys of the workspace (hashes only; keys are shown once at creation)' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.apiKeys.list(workspaceId);
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a gateway key (apps) or an admin key (automation, owner only); `key` is shown only here' })
  @ZodBody(createApiKeySchema)
  create(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(createApiKeySchema)) body: { name: string; kind: 'gateway' | 'admin'; expiresAt?: Date },
  ) {
    if (body.kind === 'admin' && !hasRole(principal, workspaceId, 'owner')) {
      throw new ControlPlaneError(ControlPlaneErrorCode.Forbidden, 'only owners create admin API keys');
    }
    return this.apiKeys.create(workspaceId, body, principal.actor);
  }

  @Get(':apiKeyId')
  @RequireRole('admin')
  @ApiOperation({ summary: 'One API key' })
  get(@Param('workspaceId') workspaceId: string, @Param('apiKeyId') apiKeyId: string) {
    return this.apiKeys.get(workspaceId, apiKeyId);
  }

  @Post(':apiKeyId/revoke')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key; every gateway process refuses it within a second' })
  revoke(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('apiKeyId') apiKeyId: string) {
    return this.apiKeys.revoke(workspaceId, apiKeyId, principal.actor);
  }
}
