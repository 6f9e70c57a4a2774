/**
 * What each role may do in a workspace, as named permissions. Admin routes declare the permission
 * they need (`@RequirePermission`), and GET /auth/me returns each workspace's list, so the console
 * hides exactly what the server refuses: one table, read by both.
 */
import type { Role } from '../../generated/prisma/client.js';

export const PERMISSIONS = [
  'workspace:read',
  'workspace:manage',
  /** Not tied to a workspace: held when the caller has it in any workspace. */
  'workspace:create',
  'logs:read',
  'analytics:read',
  'configs:read',
  'configs:write',
  'virtual-keys:read',
  'virtual-keys:write',
  /** Create gateway API keys, and list or revoke the ones you created. */
  'api-keys:own',
  /** Every gateway API key of the workspace. */
  'api-keys:manage',
  'admin-keys:manage',
  'members:read',
  'members:manage',
  'audit:read',
  'sso:manage',
  'playground:run',
  'limits:read',
  /** Rate limits and budgets: spending decisions, so admins only. */
  'limits:write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = [
  'workspace:read',
  'logs:read',
  'analytics:read',
  'configs:read',
  'virtual-keys:read',
  'members:read',
  // A dry run reads a config and calls nothing upstream.
  'playground:run',
  'limits:read',
];
const MEMBER: readonly Permission[] = [...VIEWER, 'configs:write', 'api-keys:own'];
const ADMIN: readonly Permission[] = [...MEMBER, 'limits:write', 'virtual-keys:write', 'api-keys:manage', 'members:manage', 'audit:read'];
const OWNER: readonly Permission[] = [...ADMIN, 'admin-keys:manage', 'sso:manage', 'workspace:manage', 'workspace:create'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set(VIEWER),
  member: new Set(MEMBER),
  admin: new Set(ADMIN),
  owner: new Set(OWNER),
};

/** In the order of PERMISSIONS, for stable API output. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].has(p));
}

export function roleAllows(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && ROLE_PERMISSIONS[role].has(permission);
}
