import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import {
  createVirtualKeySchema,
  rotateVirtualKeySchema,
  updateVirtualKeySchema,
  type CreateVirtualKeyInput,
  type RotateVirtualKeyInput,
  type UpdateVirtualKeyInput,
} from '../../control-plane/virtual-keys/virtual-key.schema.js';
import { VirtualKeysService } from '../../control-plane/virtual-keys/virtual-keys.service.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/virtual-keys`, 'virtual keys')
export class VirtualKeysController {
  constructor(private readonly virtualKeys: VirtualKeysService) {}

  @Get()
  @RequirePermission('virtual-keys:read')
  @ApiOperation({ summary: 'Virtual keys of the workspace (secrets masked)' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.virtualKeys.list(workspaceId);
  }

  @Post()
  @RequirePermission('virtual-keys:write')
  @ApiOperation({ summary: 'Store a provider credential as a virtual key; the secret is never returned' })
  @ZodBody(createVirtualKeySchema)
  create(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(createVirtualKeySchema)) body: CreateVirtualKeyInput,
  ) {
    return this.virtualKeys.create(workspaceId, body, principal.actor);
  }

  @Get(':slug')
  @RequirePermission('virtual-keys:read')
  @ApiOperation({ summary: 'One virtual key (secret masked)' })
  get(@Param('workspaceId') workspaceId: string, @Param('slug') slug: string) {
    return this.virtualKeys.get(workspaceId, slug);
  }

  @Patch(':slug')
  @RequirePermission('virtual-keys:write')
  @ApiOperation({ summary: 'Rename, enable/disable, or replace the provider settings' })
  @ZodBody(updateVirtualKeySchema)
  update(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('slug') slug: string,
    @Body(new ZodValidationPipe(updateVirtualKeySchema)) body: UpdateVirtualKeyInput,
  ) {
    return this.virtualKeys.update(workspaceId, slug, body, principal.actor);
  }

  @Post(':slug/rotate')
  @RequirePermission('virtual-keys:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the secret; the slug stays, so configs keep working' })
  @ZodBody(rotateVirtualKeySchema)
  rotate(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('slug') slug: string,
    @Body(new ZodValidationPipe(rotateVirtualKeySchema)) body: RotateVirtualKeyInput,
  ) {
    return this.virtualKeys.rotate(workspaceId, slug, body, principal.actor);
  }

  @Delete(':slug')
  @RequirePermission('virtual-keys:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a virtual key' })
  async remove(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string) {
    await this.virtualKeys.remove(workspaceId, slug, principal.actor);
  }
}
