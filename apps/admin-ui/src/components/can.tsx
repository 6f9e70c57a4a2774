import type { ReactNode } from 'react';
import { can, type Permission } from '../lib/roles';
import { useRole } from '../lib/workspace';

/** Renders its children only for roles that may do `permission` in the current workspace. */
export function Can({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  return can(useRole(), permission) ? <>{children}</> : <>{fallback}</>;
}
