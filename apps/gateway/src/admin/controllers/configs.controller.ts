import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { ConfigsService } from '../../control-plane/configs/configs.service.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { createConfigSchema, updateConfigSchema, versionParam } from '../admin.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/configs`, 'configs')
export class ConfigsController {
  constructor(private readonly configs: ConfigsService) {}

  @Get()
  @RequirePermission('configs:read')
  @ApiOperation({ summary: 'Saved configs of the workspace' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.configs.list(workspaceId);
  }

  @Post()
  @RequirePermission('configs:write')
  @ApiOperation({ summary: 'Save a new config (version 1); validated like the gateway validates x-portkey-config' })
  @ZodBody(createConfigSchema)
  create(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(createConfigSchema)) body: { name: string; config: Record<string, unknown> },
  ) {
    return this.configs.create(workspaceId, body, principal.actor);
  }

  @Get(':configId')
  @RequirePermission('configs:read')
  @ApiOperation({ summary: 'A config: its current version and the list of versions' })
  get(@Param('workspaceId') workspaceId: string, @Param('configId') configId: string) {
    return this.configs.get(workspaceId, configId);
  }

  @Patch(':configId')
  @RequirePermission('configs:write')
  @ApiOperation({ summary: 'Save a new version (it becomes current) and/or rename' })
  @ZodBody(updateConfigSchema)
  update(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('configId') configId: string,
    @Body(new ZodValidationPipe(updateConfigSchema)) body: { name?: string; config?: Record<string, unknown> },
  ) {
    return this.configs.update(workspaceId, configId, body, principal.actor);
  }

  @Get(':configId/versions/:version')
  @RequirePermission('configs:read')
  @ApiOperation({ summary: 'One version of a config' })
  version(
    @Param('workspaceId') workspaceId: string,
    @Param('configId') configId: string,
    @Param('version', new ZodValidationPipe(versionParam, 'version')) version: number,
  ) {
    return this.configs.getVersion(workspaceId, configId, version);
  }

  @Post(':configId/versions/:version/restore')
  @RequirePermission('configs:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make an earlier version current again (recorded as a new version)' })
  restore(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('configId') configId: string,
    @Param('version', new ZodValidationPipe(versionParam, 'version')) version: number,
  ) {
    return this.configs.restore(workspaceId, configId, version, principal.actor);
  }

  @Delete(':configId')
  @RequirePermission('configs:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a config and its versions' })
  async remove(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('configId') configId: string) {
    await this.configs.remove(workspaceId, configId, principal.actor);
  }
}
