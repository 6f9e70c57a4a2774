/**
 * The admin API's request and response types, taken from the server's own code (zod schemas and
 * the services' view types) so the console cannot drift from the API. Type-only imports: nothing
 * of the server is bundled. `Jsonify` turns what the server returns into what JSON carries
 * (dates become ISO strings).
 */
import type { z } from 'zod';
import type {
  addMemberSchema,
  createApiKeySchema,
  createConfigSchema,
  createWorkspaceSchema,
  loginSchema,
  logSearchSchema,
  updateConfigSchema,
  updateMemberSchema,
  updateWorkspaceSchema,
  usageQuerySchema,
} from '@gateway/admin/admin.schemas.js';
import type { dryRunSchema } from '@gateway/admin/playground/dry-run.schema.js';
import type { DryRunResponse } from '@gateway/admin/playground/dry-run.service.js';
import type { SsoConnectionsController } from '@gateway/admin/controllers/sso-connections.controller.js';
import type { createSsoConnectionSchema, updateSsoConnectionSchema } from '@gateway/control-plane/sso/sso-connection.schema.js';
import type { SsoConnectionView } from '@gateway/control-plane/sso/sso-connections.service.js';
import type { TestResult } from '@gateway/control-plane/sso/sso-login.service.js';
import type { AuthController } from '@gateway/admin/controllers/auth.controller.js';
import type { SsoLoginController } from '@gateway/admin/controllers/sso-login.controller.js';
import type { ApiKeysService, ApiKeyView } from '@gateway/control-plane/api-keys/api-keys.service.js';
import type { AuditLogService } from '@gateway/control-plane/audit/audit-log.service.js';
import type { LoginResult } from '@gateway/control-plane/auth/admin-auth.service.js';
import type { ConfigDetail, ConfigSummary, ConfigVersionView } from '@gateway/control-plane/configs/configs.service.js';
import type { RequestLogQueryService, UsageGroup, UsageRow } from '@gateway/control-plane/request-logs/request-log.query.js';
import type {
  CreateVirtualKeyInput,
  RotateVirtualKeyInput,
  UpdateVirtualKeyInput,
} from '@gateway/control-plane/virtual-keys/virtual-key.schema.js';
import type { VirtualKeyView } from '@gateway/control-plane/virtual-keys/virtual-keys.service.js';
import type { WorkspaceView } from '@gateway/control-plane/workspaces/workspaces.service.js';
import type { MemberView } from '@gateway/control-plane/workspaces/members.service.js';

/** What a value looks like after JSON.stringify on the server and JSON.parse here. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends (infer U)[]
      ? Jsonify<U>[]
      : T extends ReadonlyMap<unknown, unknown>
        ? Record<string, never>
        : T extends object
          ? { [K in keyof T]: Jsonify<T[K]> }
          : T;

type Returned<F extends (...args: never[]) => unknown> = Jsonify<Awaited<ReturnType<F>>>;

// Sessions and workspaces
export type LoginBody = z.input<typeof loginSchema>;
export type LoginResponse = Jsonify<LoginResult>;
export type Me = Returned<AuthController['me']>;
/** A workspace of the session, with the caller's role and the permissions the server grants it. */
export type Workspace = Me['workspaces'][number];
export type Role = Workspace['role'];
/** One "Sign in with …" button (public endpoint). */
export type SsoConnectionButton = Returned<SsoLoginController['list']>[number];

export type WorkspaceSettings = Jsonify<WorkspaceView>;
export type CreateWorkspaceBody = z.input<typeof createWorkspaceSchema>;
export type UpdateWorkspaceBody = z.input<typeof updateWorkspaceSchema>;

// Virtual keys
export type VirtualKey = Jsonify<VirtualKeyView>;
export type CreateVirtualKeyBody = CreateVirtualKeyInput;
export type UpdateVirtualKeyBody = UpdateVirtualKeyInput;
export type RotateVirtualKeyBody = RotateVirtualKeyInput;

// Providers the gateway routes to, plug-ins included (GET /providers): what the provider pickers offer.
export type ProviderCatalogEntry = Returned<import('@gateway/admin/controllers/providers.controller.js').ProvidersController['list']>[number];

// Configs
export type ConfigListItem = Jsonify<ConfigSummary>;
export type Config = Jsonify<ConfigDetail>;
export type ConfigVersion = Jsonify<ConfigVersionView>;
export type CreateConfigBody = z.input<typeof createConfigSchema>;
export type UpdateConfigBody = z.input<typeof updateConfigSchema>;

// API keys
export type ApiKey = Jsonify<ApiKeyView>;
export type CreatedApiKey = Returned<ApiKeysService['create']>;
/** Dates travel as ISO strings in the body. */
export type CreateApiKeyBody = Omit<z.input<typeof createApiKeySchema>, 'expiresAt'> & { expiresAt?: string };

// Members
export type Member = Jsonify<MemberView>;
export type AddMemberBody = z.input<typeof addMemberSchema>;
export type UpdateMemberBody = z.input<typeof updateMemberSchema>;

// Request logs and analytics
export type LogSearchQuery = { [K in keyof z.input<typeof logSearchSchema>]?: string };
/**
 * The server's `serialise` sends the bigint id as a string and the decimal cost as a number; its
 * generic return type intersects them with the row's own types, so restate those two fields.
 */
type CostAsNumber<T> = Omit<T, 'costUsd' | 'id'> & { id: string; costUsd: number | null };
type ServerLogPage = Returned<RequestLogQueryService['search']>;
export type LogEntry = CostAsNumber<ServerLogPage['data'][number]>;
export type LogPage = Omit<ServerLogPage, 'data'> & { data: LogEntry[] };
export type LogDetail = CostAsNumber<Returned<RequestLogQueryService['get']>>;
export type UsageQuery = { [K in keyof z.input<typeof usageQuerySchema>]?: string };
export type Usage = Jsonify<{ totals: UsageRow; rows: UsageRow[] }>;
export type UsageGroupBy = UsageGroup;

// Playground (dry run)
export type DryRunBody = z.input<typeof dryRunSchema>;
export type DryRunResult = Jsonify<DryRunResponse>;
export type RoutePlan = DryRunResult['plan'];

// SSO settings (owners)
export type SsoConnections = Returned<SsoConnectionsController['list']>;
export type SsoConnection = Jsonify<SsoConnectionView>;
export type SsoTestStart = Returned<SsoConnectionsController['test']>;
export type SsoTestResult = TestResult;
export type SsoSettings = Returned<SsoConnectionsController['settings']>;
export type CreateSsoConnectionBody = z.input<typeof createSsoConnectionSchema>;
export type UpdateSsoConnectionBody = z.input<typeof updateSsoConnectionSchema>;

// Rate limits and budgets
export type UsageLimit = Jsonify<import('@gateway/limits/usage-limits.service.js').UsageLimitView>;
export type LimitUsage = Jsonify<import('@gateway/limits/usage-limits.service.js').LimitUsageView>;
export type PutLimitBody = z.input<typeof import('@gateway/limits/usage-limit.schema.js').putUsageLimitSchema>;
export type LimitScope = PutLimitBody['scope'];
/** What a limit can be attached to besides the workspace, by name. */
export interface LimitScopeTargets {
  apiKeys: ApiKey[];
  virtualKeys: VirtualKey[];
  configs: ConfigListItem[];
}

// Audit log
export type AuditPage = Returned<AuditLogService['list']>;
export type AuditEntry = AuditPage['data'][number];

// Shadow traffic and replays
export type ComparisonReport = Jsonify<import('@gateway/control-plane/shadow/comparison.query.js').ComparisonReport>;
export type ComparisonRow = ComparisonReport['byConfig'][number];
export type ComparisonQuery = { [K in keyof z.input<typeof import('@gateway/admin/shadow.schemas.js').comparisonQuerySchema>]?: string };
export type StartReplayBody = Omit<z.input<typeof import('@gateway/admin/shadow.schemas.js').startReplaySchema>, 'filter'> & {
  filter?: { configId?: string; model?: string; provider?: string; status?: number; from?: string; to?: string };
};
export type Replay = Jsonify<import('@gateway/control-plane/shadow/replay.service.js').ReplayView>;
export type ReplayDetail = Replay & { report: ComparisonReport };
