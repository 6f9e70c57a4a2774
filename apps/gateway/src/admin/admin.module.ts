/**
 * The admin REST API under /admin/api/v1: thin controllers over the control-plane services
 * (which ControlPlaneModule provides globally), each guarded by AdminAuthGuard.
 */
import { Module } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AnalyticsController } from './controllers/analytics.controller.js';
import { ApiKeysController } from './controllers/api-keys.controller.js';
import { AuditLogsController } from './controllers/audit-logs.controller.js';
import { AuthController } from './controllers/auth.controller.js';
import { ConfigsController } from './controllers/configs.controller.js';
import { LogsController } from './controllers/logs.controller.js';
import { MembersController } from './controllers/members.controller.js';
import { VirtualKeysController } from './controllers/virtual-keys.controller.js';
import { WorkspacesController } from './controllers/workspaces.controller.js';

export const ADMIN_CONTROLLERS = [
  AuthController,
  WorkspacesController,
  VirtualKeysController,
  ConfigsController,
  ApiKeysController,
  MembersController,
  LogsController,
  AnalyticsController,
  AuditLogsController,
];

@Module({
  controllers: ADMIN_CONTROLLERS,
  providers: [AdminAuthGuard],
})
export class AdminModule {}
