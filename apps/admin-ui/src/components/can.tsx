import type { ReactNode } from 'react';
import { type Permission, useCan } from '../lib/permissions';

/** Renders its children only for roles that may do `permission` in the current workspace. */
export function Can({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  return useCan(permission) ? <>{children}</> : <>{fallback}</>;
}
