/**
 * What the signed-in person may do in the current workspace: the permission names the server
 * issues in GET /auth/me (one table on the server, read by both), so the console hides exactly
 * what the API would refuse. The server stays the guard.
 */
import { useContext } from 'react';
import type { Permission } from '@gateway/control-plane/auth/permissions.js';
import type { Workspace } from './contract';
import { CurrentWorkspaceContext } from './workspace';

export type { Permission };

export function can(workspace: Pick<Workspace, 'permissions'> | undefined, permission: Permission): boolean {
  return workspace?.permissions.includes(permission) ?? false;
}

export function useCan(permission: Permission): boolean {
  return can(useContext(CurrentWorkspaceContext), permission);
}
