/** Who is calling the admin API, and what they may do in which workspace. */
import type { Role } from '../../generated/prisma/client.js';
import type { Actor } from '../audit/actor.js';

export interface AdminPrincipal {
  actor: Actor;
  /** Role per workspace id. An admin API key has `admin` in its own workspace only. */
  roles: ReadonlyMap<string, Role>;
  /** Set for people (sessions); absent for admin API keys. */
  userId?: string;
  email?: string;
}

const RANK: Record<Role, number> = { viewer: 1, admin: 2, owner: 3 };

export function hasRole(principal: AdminPrincipal, workspaceId: string, needed: Role): boolean {
  const role = principal.roles.get(workspaceId);
  return role !== undefined && RANK[role] >= RANK[needed];
}
