/**
 * Route metadata read by AdminAuthGuard: which role a handler needs in the workspace named by
 * its `:workspaceId` parameter, which handlers are public (login), and the principal parameter.
 */
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../generated/prisma/client.js';
import type { AdminPrincipal } from '../control-plane/auth/admin-principal.js';

export const REQUIRED_ROLE = 'aigw:admin:required-role';
export const PUBLIC_ROUTE = 'aigw:admin:public';

/** The least role needed in the route's workspace (owner > admin > viewer). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** No credential needed (only the login route). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export interface AdminRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  protocol?: string;
  adminPrincipal?: AdminPrincipal;
  adminCredential?: string;
}

export const Principal = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AdminRequest>().adminPrincipal;
  if (!principal) throw new Error('Principal used on a route without AdminAuthGuard');
  return principal;
});
