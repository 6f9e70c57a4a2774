/**
 * The admin REST API under /admin/api/v1: thin controllers over the control-plane services
 * (which ControlPlaneModule provides globally), each guarded by AdminAuthGuard; the SSO sign-in
 * flow and connections (SsoModule); the playground's dry run; the provider catalog.
 */
import { Module } from '@nestjs/common';
import { SsoModule } from '../control-plane/sso/sso.module.js';
import { CONTROL_PLANE_OPTIONS, type ControlPlaneOptions } from '../control-plane/control-plane.options.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { ADMIN_OPTIONS, adminOptionsFromEnv } from './admin.options.js';
import { AnalyticsController } from './controllers/analytics.controller.js';
import { ApiKeysController } from './controllers/api-keys.controller.js';
import { AuditLogsController } from './controllers/audit-logs.controller.js';
import { AuthController } from './controllers/auth.controller.js';
import { ConfigsController } from './controllers/configs.controller.js';
import { LimitsController } from './controllers/limits.controller.js';
import { LogsController } from './controllers/logs.controller.js';
import { MembersController } from './controllers/members.controller.js';
import { PlaygroundController } from './controllers/playground.controller.js';
import { ProvidersController } from './controllers/providers.controller.js';
import { SsoConnectionsController } from './controllers/sso-connections.controller.js';
import { SsoLoginController } from './controllers/sso-login.controller.js';
import { VirtualKeysController } from './controllers/virtual-keys.controller.js';
import { WorkspacesController } from './controllers/workspaces.controller.js';
import { ReplaysController, ShadowController } from './controllers/shadow.controller.js';
import { CsrfTokens } from './csrf.js';
import { DryRunService } from './playground/dry-run.service.js';
import { LoginThrottle } from '../control-plane/auth/login-throttle.js';

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
  SsoLoginController,
  SsoConnectionsController,
  PlaygroundController,
  LimitsController,
  ProvidersController,
  ShadowController,
  ReplaysController,
];

@Module({
  imports: [SsoModule],
  controllers: ADMIN_CONTROLLERS,
  providers: [
    AdminAuthGuard,
    DryRunService,
    // One per process: failed sign-ins counted across every request this replica serves.
    { provide: LoginThrottle, useFactory: () => new LoginThrottle() },
    { provide: ADMIN_OPTIONS, useFactory: () => adminOptionsFromEnv(process.env) },
    { provide: CsrfTokens, useFactory: (o: ControlPlaneOptions) => new CsrfTokens(o.masterKey), inject: [CONTROL_PLANE_OPTIONS] },
  ],
})
export class AdminModule {}
