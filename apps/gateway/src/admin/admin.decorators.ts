/**
 * Route metadata read by AdminAuthGuard: which permission a handler needs in the workspace named
 * by its `:workspaceId` parameter, which handlers are public (login, SSO), and the principal
 * parameter.
 */
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AdminPrincipal } from '../control-plane/auth/admin-principal.js';
import type { Permission } from '../control-plane/auth/permissions.js';

export const REQUIRED_PERMISSION = 'aigw:admin:required-permission';
export const PUBLIC_ROUTE = 'aigw:admin:public';

/** The permission needed in the route's workspace (see control-plane/auth/permissions.ts). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** No credential needed (password login, the SSO sign-in flow). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export interface AdminRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  protocol?: string;
  /** The client's address (Fastify's request.ip): sign-in throttling counts failures per address. */
  ip?: string;
  adminPrincipal?: AdminPrincipal;
  adminCredential?: string;
  /** Where the credential came from: only `cookie` calls need a CSRF token. */
  adminCredentialSource?: 'cookie' | 'header';
}

export const Principal = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AdminRequest>().adminPrincipal;
  if (!principal) throw new Error('Principal used on a route without AdminAuthGuard');
  return principal;
});
