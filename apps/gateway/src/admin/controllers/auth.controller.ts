import { Body, Get, HttpCode, HttpException, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import type { FastifyReply } from 'fastify';
import { AdminAuthService, SESSION_TTL_MS } from '../../control-plane/auth/admin-auth.service.js';
import { LoginThrottle } from '../../control-plane/auth/login-throttle.js';
import { ControlPlaneError, ControlPlaneErrorCode } from '../../control-plane/control-plane.errors.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { permissionsOf } from '../../control-plane/auth/permissions.js';
import { TOKEN_PREFIX } from '../../control-plane/crypto/tokens.js';
import { WorkspacesService } from '../../control-plane/workspaces/workspaces.service.js';
import type { Role } from '../../generated/prisma/client.js';
import { ADMIN_OPTIONS, isSecureRequest, type AdminOptions } from '../admin.options.js';
import { Principal, Public, type AdminRequest } from '../admin.decorators.js';
import { loginSchema } from '../admin.schemas.js';
import { CsrfTokens } from '../csrf.js';
import { clearedCsrfCookie, clearedSessionCookie, csrfCookie, sessionCookie } from '../session-cookie.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { ADMIN_PREFIX, AdminController } from './admin-controller.js';

@AdminController(`${ADMIN_PREFIX}/auth`, 'auth')
export class AuthController {
  constructor(
    private readonly auth: AdminAuthService,
    private readonly workspaces: WorkspacesService,
    private readonly csrf: CsrfTokens,
    private readonly throttle: LoginThrottle,
    @Inject(ADMIN_OPTIONS) private readonly options: AdminOptions,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; sets the session and CSRF cookies and returns the token' })
  @ZodBody(loginSchema)
  async login(
    @Body(new ZodValidationPipe(loginSchema)) body: { email: string; password: string },
    @Req() request: AdminRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const decision = this.throttle.check(body.email, request.ip);
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      throw new HttpException(decision.message, HttpStatus.TOO_MANY_REQUESTS);
    }
    let result: Awaited<ReturnType<AdminAuthService['login']>>;
    try {
      result = await this.auth.login(body.email, body.password);
    } catch (error) {
      if (error instanceof ControlPlaneError && error.code === ControlPlaneErrorCode.Unauthenticated) this.throttle.failure(body.email, request.ip);
      throw error;
    }
    this.throttle.success(body.email);
    const secure = isSecureRequest(request, this.options);
    reply.header('set-cookie', [sessionCookie(result.token, SESSION_TTL_MS / 1000, secure), csrfCookie(this.csrf.tokenFor(result.token), SESSION_TTL_MS / 1000, secure)]);
    return { ...result, csrfToken: this.csrf.tokenFor(result.token) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current session' })
  async logout(@Req() request: AdminRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (request.adminCredential?.startsWith(TOKEN_PREFIX.session)) await this.auth.logout(request.adminCredential);
    reply.header('set-cookie', [clearedSessionCookie(), clearedCsrfCookie()]);
  }

  @Post('logout-everywhere')
  @HttpCode(200)
  @ApiOperation({ summary: "Sign out everywhere: revoke every session of the signed-in user (all browsers and devices)" })
  async logoutEverywhere(@Principal() principal: AdminPrincipal, @Res({ passthrough: true }) reply: FastifyReply) {
    const revoked = await this.auth.logoutEverywhere(principal);
    reply.header('set-cookie', [clearedSessionCookie(), clearedCsrfCookie()]);
    return { revoked };
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user (or admin API key), its workspaces with role and permissions, and the CSRF token for cookie calls' })
  async me(@Principal() principal: AdminPrincipal, @Req() request: AdminRequest) {
    // The principal's roles, not the membership table's: a password session does not carry the
    // workspaces that switched password sign-in off, and the console must not offer them.
    const workspaces = await Promise.all(
      [...principal.roles].map(async ([id, role]: [string, Role]) => ({ ...(await this.workspaces.get(id)), role, permissions: permissionsOf(role) })),
    );
    const session = request.adminCredential?.startsWith(TOKEN_PREFIX.session) ? request.adminCredential : undefined;
    return {
      actor: principal.actor,
      email: principal.email ?? null,
      sessionMethod: principal.sessionMethod ?? null,
      csrfToken: session ? this.csrf.tokenFor(session) : null,
      workspaces,
    };
  }
}
