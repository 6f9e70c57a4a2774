import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ZodQuery } from '../openapi.decorators.js';
import { RequestLogQueryService, type LogSearch } from '../../control-plane/request-logs/request-log.query.js';
import { RequirePermission } from '../admin.decorators.js';
import { logSearchSchema } from '../admin.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/logs`, 'logs')
export class LogsController {
  constructor(private readonly logs: RequestLogQueryService) {}

  @Get()
  @RequirePermission('logs:read')
  @ApiOperation({ summary: 'Search request logs, newest first; pass `nextCursor` back as `cursor` for the next page' })
  @ZodQuery(logSearchSchema)
  search(@Param('workspaceId') workspaceId: string, @Query(new ZodValidationPipe(logSearchSchema)) query: LogSearch) {
    return this.logs.search(workspaceId, query);
  }

  @Get(':logId')
  @RequirePermission('logs:read')
  @ApiOperation({ summary: 'One request log entry, with bodies when the workspace logs them' })
  get(@Param('workspaceId') workspaceId: string, @Param('logId') logId: string) {
    return this.logs.get(workspaceId, logId);
  }
}
