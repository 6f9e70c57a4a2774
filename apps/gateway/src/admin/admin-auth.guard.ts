/**
 * Every admin route: find the credential (session cookie, `Authorization: Bearer`, or
 * `x-admin-api-key`), resolve the principal, refuse cookie calls that change state without the
 * CSRF token, and check the route's permission in its workspace. A workspace the caller has no
 * role in answers 404, like one that does not exist: other tenants' objects are never visible,
 * not even as "forbidden". A workspace route that declares no permission is refused (fail closed);
 * a route outside any workspace that declares one needs it in at least one workspace.
 */
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminAuthService } from '../control-plane/auth/admin-auth.service.js';
import { can } from '../control-plane/auth/admin-principal.js';
import type { Permission } from '../control-plane/auth/permissions.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../control-plane/control-plane.errors.js';
import { TOKEN_PREFIX } from '../control-plane/crypto/tokens.js';
import { ADMIN_OPTIONS, type AdminOptions } from './admin.options.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION, type AdminRequest } from './admin.decorators.js';
import { CSRF_HEADER, CsrfTokens, isStateChanging, sameOrigin } from './csrf.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

function header(request: AdminRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function adminCredential(request: AdminRequest): { value: string; source: 'cookie' | 'header' } | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '')?.[1]?.trim();
  const fromHeader = header(request, 'x-admin-api-key')?.trim() || bearer;
  if (fromHeader) return { value: fromHeader, source: 'header' };
  const fromCookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  return fromCookie ? { value: fromCookie, source: 'cookie' } : undefined;
}

export const CSRF_REFUSED_MESSAGE = 'CSRF check failed: send the x-csrf-token header (from the aigw_csrf cookie or GET /auth/me) from the console’s own origin';

@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AdminAuthService,
    private readonly csrf: CsrfTokens,
    @Inject(ADMIN_OPTIONS) private readonly options: AdminOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AdminRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      // Login CSRF: another site must not sign a visitor in (as someone else) behind their back.
      if (isStateChanging(request.method) && !sameOrigin(request, this.options)) throw this.csrfRefused();
      return true;
    }
    const credential = adminCredential(request);
    const principal = credential ? await this.auth.resolve(credential.value) : null;
    if (!credential || !principal) {
      throw new ControlPlaneError(ControlPlaneErrorCode.Unauthenticated, 'an admin session or admin API key is required');
    }
    if (credential.source === 'cookie' && isStateChanging(request.method)) this.checkCsrf(request, credential.value);
    request.adminPrincipal = principal;
    request.adminCredential = credential.value;
    request.adminCredentialSource = credential.source;
    const needed = this.reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, targets);
    const workspaceId = request.params?.workspaceId;
    if (workspaceId !== undefined) {
      if (!principal.roles.has(workspaceId)) throw ControlPlaneError.notFound('workspace');
      if (!needed || !can(principal, workspaceId, needed)) throw this.forbidden([principal.roles.get(workspaceId)!], needed);
    } else if (needed && ![...principal.roles.keys()].some((id) => can(principal, id, needed))) {
      // A route outside any workspace (creating one): the permission in any workspace will do.
      throw this.forbidden([...new Set(principal.roles.values())], needed);
    }
    return true;
  }

  private checkCsrf(request: AdminRequest, sessionToken: string): void {
    const token = header(request, CSRF_HEADER);
    if (!sessionToken.startsWith(TOKEN_PREFIX.session) || !this.csrf.verify(sessionToken, token) || !sameOrigin(request, this.options)) {
      throw this.csrfRefused();
    }
  }

  private forbidden(roles: string[], needed: Permission | undefined): ControlPlaneError {
    const who = roles.length ? `the ${roles.join('/')} role` : 'a caller without a workspace role';
    return new ControlPlaneError(ControlPlaneErrorCode.Forbidden, `${who} cannot do this (needs ${needed ?? 'a declared permission'})`);
  }

  private csrfRefused(): ControlPlaneError {
    return new ControlPlaneError(ControlPlaneErrorCode.Forbidden, CSRF_REFUSED_MESSAGE);
  }
}
