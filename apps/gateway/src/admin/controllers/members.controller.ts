import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import { hasRole, type AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../control-plane/control-plane.errors.js';
import { MembersService, type AddMemberInput } from '../../control-plane/workspaces/members.service.js';
import type { Role } from '../../generated/prisma/client.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { addMemberSchema, updateMemberSchema } from '../admin.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

/**
 * Admins manage members; only owners touch the owner role (grant it, or change or remove an
 * owner), so an admin can never promote themselves or lock the owners out.
 */
@AdminController(`${WORKSPACE_PREFIX}/members`, 'members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequirePermission('members:read')
  @ApiOperation({ summary: 'Members of the workspace and their roles' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.members.list(workspaceId);
  }

  @Post()
  @RequirePermission('members:manage')
  @ApiOperation({ summary: 'Add a member (creates the user when the email is new; then a password is required). Granting owner needs an owner.' })
  @ZodBody(addMemberSchema)
  add(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(addMemberSchema)) body: AddMemberInput,
  ) {
    if (body.role === 'owner') this.assertOwner(principal, workspaceId);
    return this.members.add(workspaceId, body, principal.actor);
  }

  @Patch(':userId')
  @RequirePermission('members:manage')
  @ApiOperation({ summary: "Change a member's role (a workspace keeps at least one owner; owners only for the owner role)" })
  @ZodBody(updateMemberSchema)
  async update(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('userId') userId: string,
    @Body(new ZodValidationPipe(updateMemberSchema)) body: { role: Role },
  ) {
    if (body.role === 'owner' || (await this.currentRole(workspaceId, userId)) === 'owner') this.assertOwner(principal, workspaceId);
    return this.members.updateRole(workspaceId, userId, body.role, principal.actor);
  }

  @Delete(':userId')
  @RequirePermission('members:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member from the workspace (owners only to remove an owner)' })
  async remove(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('userId') userId: string) {
    if ((await this.currentRole(workspaceId, userId)) === 'owner') this.assertOwner(principal, workspaceId);
    await this.members.remove(workspaceId, userId, principal.actor);
  }

  private async currentRole(workspaceId: string, userId: string): Promise<Role | undefined> {
    return (await this.members.list(workspaceId)).find((m) => m.userId === userId)?.role;
  }

  private assertOwner(principal: AdminPrincipal, workspaceId: string): void {
    if (!hasRole(principal, workspaceId, 'owner')) {
      throw new ControlPlaneError(ControlPlaneErrorCode.Forbidden, 'only owners grant, change or remove the owner role');
    }
  }
}
