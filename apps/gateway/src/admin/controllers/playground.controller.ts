import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import { RequirePermission } from '../admin.decorators.js';
import { dryRunSchema, type DryRunRequest } from '../playground/dry-run.schema.js';
import { DryRunService } from '../playground/dry-run.service.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/playground`, 'playground')
export class PlaygroundController {
  constructor(private readonly dryRun: DryRunService) {}

  @Post('dry-run')
  @RequirePermission('playground:run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The route a request would take (targets in order, weights, retries, timeouts, the condition that matched), from the real routing engine, without any upstream call',
  })
  @ZodBody(dryRunSchema)
  run(@Param('workspaceId') workspaceId: string, @Body(new ZodValidationPipe(dryRunSchema)) body: DryRunRequest) {
    return this.dryRun.run(workspaceId, body);
  }
}
