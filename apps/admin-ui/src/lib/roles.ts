/**
 * What each workspace role may do, as the console shows it (hidden or disabled actions). The
 * server enforces the same rules on every route; this only spares people buttons that would 403.
 */
import type { Role } from './contract';

const RANK: Record<string, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };

export function atLeast(role: Role | undefined, needed: Role | 'member'): boolean {
  return role !== undefined && (RANK[role] ?? 0) >= (RANK[needed] ?? Infinity);
}

export type Permission = 'manageVirtualKeys' | 'manageConfigs' | 'manageApiKeys' | 'manageMembers' | 'readAudit';

const NEEDS: Record<Permission, Role | 'member'> = {
  manageVirtualKeys: 'admin',
  manageConfigs: 'admin',
  manageApiKeys: 'admin',
  manageMembers: 'owner',
  readAudit: 'admin',
};

export function can(role: Role | undefined, permission: Permission): boolean {
  return atLeast(role, NEEDS[permission]);
}
