import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { MembersService, type AddMemberInput } from '../../control-plane/workspaces/members.service.js';
import type { Role } from '../../generated/prisma/client.js';
import { Principal, RequireRole } from '../admin.decorators.js';
import { addMemberSchema, updateMemberSchema } from '../admin.schemas.js';
import { ZodBody } from '../openapi.helpers.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/members`, 'members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Members of the workspace and their roles' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.members.list(workspaceId);
  }

  @Post()
  @RequireRole('owner')
  @ApiOperation({ summary: 'Add a member (creates the user when the email is new; then a password is required)' })
  @ZodBody(addMemberSchema)
  add(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(addMemberSchema)) body: AddMemberInput,
  ) {
    return this.members.add(workspaceId, body, principal.actor);
  }

  @Patch(':userId')
  @RequireRole('owner')
  @ApiOperation({ summary: "Change a member's role (a workspace keeps at least one owner)" })
  @ZodBody(updateMemberSchema)
  update(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('userId') userId: string,
    @Body(new ZodValidationPipe(updateMemberSchema)) body: { role: Role },
  ) {
    return this.members.updateRole(workspaceId, userId, body.role, principal.actor);
  }

  @Delete(':userId')
  @RequireRole('owner')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member from the workspace' })
  async remove(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('userId') userId: string) {
    await this.members.remove(workspaceId, userId, principal.actor);
  }
}
