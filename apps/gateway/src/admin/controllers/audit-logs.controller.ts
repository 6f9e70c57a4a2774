import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ZodQuery } from '../openapi.decorators.js';
import { AuditLogService } from '../../control-plane/audit/audit-log.service.js';
import { RequirePermission } from '../admin.decorators.js';
import { auditSearchSchema } from '../admin.schemas.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';

@AdminController(`${WORKSPACE_PREFIX}/audit-logs`, 'audit log')
export class AuditLogsController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({ summary: 'Admin writes in the workspace, newest first (who, what, when; never secrets)' })
  @ZodQuery(auditSearchSchema)
  list(@Param('workspaceId') workspaceId: string, @Query(new ZodValidationPipe(auditSearchSchema)) query: { limit: number; cursor?: string }) {
    return this.audit.list(workspaceId, { limit: query.limit, before: query.cursor ? BigInt(query.cursor) : undefined });
  }
}
