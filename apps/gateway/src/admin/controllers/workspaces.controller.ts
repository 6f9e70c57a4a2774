import { Body, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../control-plane/control-plane.errors.js';
import { WorkspacesService } from '../../control-plane/workspaces/workspaces.service.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { createWorkspaceSchema, updateWorkspaceSchema } from '../admin.schemas.js';
import type { WorkspaceUpdate } from '../../control-plane/workspaces/workspaces.service.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { ADMIN_PREFIX, AdminController } from './admin-controller.js';

@AdminController(`${ADMIN_PREFIX}/workspaces`, 'workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  @ApiOperation({ summary: 'Workspaces the caller belongs to, with its role in each' })
  async list(@Principal() principal: AdminPrincipal) {
    // From the principal, not the membership table: a password session does not carry the
    // workspaces that switched password sign-in off.
    return Promise.all([...principal.roles].map(async ([id, role]) => ({ ...(await this.workspaces.get(id)), role })));
  }

  @Post()
  // Owners manage workspaces: people signed in just in time through SSO do not mint new tenants.
  @RequirePermission('workspace:create')
  @ApiOperation({ summary: 'Create a workspace (owners of a workspace only); the signed-in user becomes its owner' })
  @ZodBody(createWorkspaceSchema)
  async create(
    @Principal() principal: AdminPrincipal,
    @Body(new ZodValidationPipe(createWorkspaceSchema)) body: { name: string; logBodies?: boolean },
  ) {
    if (!principal.userId) {
      throw new ControlPlaneError(ControlPlaneErrorCode.Forbidden, 'admin API keys belong to one workspace and cannot create others');
    }
    return this.workspaces.create(body, principal.actor, principal.userId);
  }

  @Get(':workspaceId')
  @RequirePermission('workspace:read')
  @ApiOperation({ summary: 'One workspace and its settings' })
  get(@Param('workspaceId') workspaceId: string) {
    return this.workspaces.get(workspaceId);
  }

  @Patch(':workspaceId')
  @RequirePermission('workspace:manage')
  @ApiOperation({ summary: "Rename, switch body logging on or off, or set the workspace's inbound rules (owner only)" })
  @ZodBody(updateWorkspaceSchema)
  update(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(updateWorkspaceSchema)) body: WorkspaceUpdate,
  ) {
    return this.workspaces.update(workspaceId, body, principal.actor);
  }
}
