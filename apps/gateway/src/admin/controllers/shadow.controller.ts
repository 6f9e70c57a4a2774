import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ZodBody, ZodQuery } from '../openapi.decorators.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { ComparisonQuery, type ComparisonFilter } from '../../control-plane/shadow/comparison.query.js';
import { ReplayService, type StartReplay } from '../../control-plane/shadow/replay.service.js';
import { Principal, RequirePermission } from '../admin.decorators.js';
import { comparisonQuerySchema, startReplaySchema } from '../shadow.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/shadow`, 'shadow')
export class ShadowController {
  constructor(private readonly comparison: ComparisonQuery) {}

  @Get('comparison')
  @RequirePermission('analytics:read')
  @ApiOperation({
    summary: 'Shadow traffic and replays compared with the primary: error rate, p50/p95/p99 latency, cost and agreement, in total, per config pair and per model pair',
  })
  @ZodQuery(comparisonQuerySchema)
  report(@Param('workspaceId') workspaceId: string, @Query(new ZodValidationPipe(comparisonQuerySchema)) query: ComparisonFilter) {
    return this.comparison.report(workspaceId, { source: 'shadow', ...query });
  }
}

@AdminController(`${WORKSPACE_PREFIX}/replays`, 'replays')
export class ReplaysController {
  constructor(private readonly replays: ReplayService) {}

  @Post()
  @RequirePermission('configs:write')
  @ApiOperation({ summary: 'Replay logged requests (with bodies) against another saved config, at a bounded rate, in the background' })
  @ZodBody(startReplaySchema)
  start(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(startReplaySchema)) body: StartReplay,
  ) {
    return this.replays.start(workspaceId, body, principal.actor);
  }

  @Get()
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'Replay jobs of the workspace, newest first' })
  list(@Param('workspaceId') workspaceId: string) {
    return this.replays.list(workspaceId);
  }

  @Get(':replayId')
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'A replay job: status, progress and its comparison report' })
  get(@Param('workspaceId') workspaceId: string, @Param('replayId') replayId: string) {
    return this.replays.get(workspaceId, replayId);
  }

  @Post(':replayId/cancel')
  @RequirePermission('configs:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a running replay: it stops at its next step; answers still in flight are not counted' })
  cancel(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('replayId') replayId: string) {
    return this.replays.cancel(workspaceId, replayId, principal.actor);
  }
}
