/** Who is calling the admin API, and what they may do in which workspace. */
import type { Role, SessionMethod } from '../../generated/prisma/client.js';
import type { Actor } from '../audit/actor.js';
import { roleAllows, type Permission } from './permissions.js';

export interface AdminPrincipal {
  actor: Actor;
  /**
   * Role per workspace id. An admin API key has `admin` in its own workspace only; a password
   * session omits the workspaces that switched password sign-in off.
   */
  roles: ReadonlyMap<string, Role>;
  /** Set for people (sessions); absent for admin API keys. */
  userId?: string;
  email?: string;
  /** How the session was opened (sessions only). */
  sessionMethod?: SessionMethod;
}

const RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };

export function roleRank(role: Role): number {
  return RANK[role];
}

export function hasRole(principal: AdminPrincipal, workspaceId: string, needed: Role): boolean {
  const role = principal.roles.get(workspaceId);
  return role !== undefined && RANK[role] >= RANK[needed];
}

export function can(principal: AdminPrincipal, workspaceId: string, permission: Permission): boolean {
  return roleAllows(principal.roles.get(workspaceId), permission);
}
