import { Body, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { putUsageLimitSchema, type PutUsageLimitInput } from '../../limits/usage-limit.schema.js';
import { UsageLimitsService } from '../../limits/usage-limits.service.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

/** Rate limits and cost budgets of the workspace, its gateway API keys, virtual keys and saved configs. */
@AdminController(`${WORKSPACE_PREFIX}/limits`, 'limits')
export class LimitsController {
  constructor(private readonly limits: UsageLimitsService) {}

  @Get()
  @RequirePermission('limits:read')
  @ApiOperation({ summary: 'Every limit set in the workspace' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.limits.list(workspaceId);
  }

  @Get('usage')
  @RequirePermission('limits:read')
  @ApiOperation({ summary: 'Current usage against every limit: requests and tokens of the last minute, requests in flight, cost of the UTC day and month' })
  usage(@Param('workspaceId') workspaceId: string) {
    return this.limits.usage(workspaceId);
  }

  @Put()
  @RequirePermission('limits:write')
  @ApiOperation({ summary: "Set one scope's limits (replaces them; a missing field means no limit); every replica applies it within a second" })
  @ZodBody(putUsageLimitSchema)
  put(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(putUsageLimitSchema)) body: PutUsageLimitInput,
  ) {
    return this.limits.put(workspaceId, body, principal.actor);
  }

  @Delete(':limitId')
  @HttpCode(204)
  @RequirePermission('limits:write')
  @ApiOperation({ summary: 'Remove a scope’s limits' })
  async remove(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('limitId') limitId: string) {
    await this.limits.remove(workspaceId, limitId, principal.actor);
  }
}
