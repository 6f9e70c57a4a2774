import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ZodQuery } from '../openapi.decorators.js';
import { RequestLogQueryService, type UsageGroup } from '../../control-plane/request-logs/request-log.query.js';
import { RequirePermission } from '../admin.decorators.js';
import { usageQuerySchema } from '../admin.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/analytics`, 'analytics')
export class AnalyticsController {
  constructor(private readonly logs: RequestLogQueryService) {}

  @Get('usage')
  @RequirePermission('analytics:read')
  @ApiOperation({
    summary: 'Requests, errors, p50/p95 latency, tokens and cost, grouped by day, provider, model, apiKey, virtualKey or config (default: last 30 days by day)',
  })
  @ZodQuery(usageQuerySchema)
  usage(
    @Param('workspaceId') workspaceId: string,
    @Query(new ZodValidationPipe(usageQuerySchema)) query: { from: Date; to: Date; groupBy: UsageGroup },
  ) {
    return this.logs.usage(workspaceId, { from: query.from, to: query.to }, query.groupBy);
  }
}
