/**
 * The control plane's public surface for the rest of the gateway (main.ts, app.module, e2e tests).
 *
 *   const db = await prepareDatabase(process.env);            // from '../database/index.js'
 *   ControlPlaneModule.forRoot(controlPlaneOptionsFromEnv(db)) // provides ControlPlaneLookup, RequestLogSink, admin API
 *   setupAdminOpenApi(app)                                      // from '../admin/index.js', before listen()
 *   ... after app.close(): await db.stop()
 */
export { ControlPlaneModule } from './control-plane.module.js';
export { CONTROL_PLANE_OPTIONS, controlPlaneOptionsFromEnv, type ControlPlaneOptions } from './control-plane.options.js';
export * from './control-plane.port.js';
export { ControlPlaneError, ControlPlaneErrorCode } from './control-plane.errors.js';
export { SAVED_CONFIG_ID } from './ids.js';
export type { Actor } from './audit/actor.js';
export { SYSTEM_ACTOR } from './audit/actor.js';
export { AuditLogService } from './audit/audit-log.service.js';
export { ApiKeysService, type ApiKeyView, type CreateApiKeyInput } from './api-keys/api-keys.service.js';
export { VirtualKeysService, type VirtualKeyView } from './virtual-keys/virtual-keys.service.js';
export type { CreateVirtualKeyInput, VirtualKeySecret, VirtualKeySettings } from './virtual-keys/virtual-key.schema.js';
export { ConfigsService, type ConfigDetail, type ConfigSummary } from './configs/configs.service.js';
export { WorkspacesService, type WorkspaceView } from './workspaces/workspaces.service.js';
export { MembersService, type MemberView } from './workspaces/members.service.js';
export { AdminAuthService } from './auth/admin-auth.service.js';
export { BootstrapService } from './bootstrap/bootstrap.service.js';
export { RequestLogWriter, type RequestLogStats } from './request-logs/request-log.writer.js';
export { RequestLogQueryService } from './request-logs/request-log.query.js';
export { PricingTable } from './request-logs/pricing.js';
export { InvalidationBus, type InvalidationEvent } from './invalidation/invalidation.bus.js';
export { CachedControlPlaneLookup } from './lookup/cached-control-plane.lookup.js';
