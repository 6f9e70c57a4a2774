/**
 * Every admin route: find the credential (session cookie, `Authorization: Bearer`, or
 * `x-admin-api-key`), resolve the principal, and check its role in the route's workspace.
 * A workspace the caller has no role in answers 404, like one that does not exist: other
 * tenants' objects are never visible, not even as "forbidden".
 */
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../generated/prisma/client.js';
import { AdminAuthService } from '../control-plane/auth/admin-auth.service.js';
import { hasRole } from '../control-plane/auth/admin-principal.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane/control-plane.errors.js';
import { PUBLIC_ROUTE, REQUIRED_ROLE, type AdminRequest } from './admin.decorators.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

export function adminCredential(request: AdminRequest): string | undefined {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const bearer = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1]?.trim();
  return header('x-admin-api-key')?.trim() || bearer || readCookie(request.headers.cookie, SESSION_COOKIE);
}

@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AdminAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const credential = adminCredential(request);
    const principal = credential ? await this.auth.resolve(credential) : null;
    if (!principal) {
      throw new ControlPlaneError(ControlPlaneErrorCode.Unauthenticated, 'an admin session or admin API key is required');
    }
    request.adminPrincipal = principal;
    request.adminCredential = credential;
    const workspaceId = request.params?.workspaceId;
    if (workspaceId !== undefined) {
      if (!principal.roles.has(workspaceId)) throw ControlPlaneError.notFound('workspace');
      const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'admin';
      if (!hasRole(principal, workspaceId, needed)) {
        throw new ControlPlaneError(ControlPlaneErrorCode.Forbidden, `this action needs the ${needed} role in the workspace`);
      }
    }
    return true;
  }
}
