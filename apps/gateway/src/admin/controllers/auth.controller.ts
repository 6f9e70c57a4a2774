import { Body, HttpCode, Post, Get, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminAuthService, SESSION_TTL_MS } from '../../control-plane/auth/admin-auth.service.js';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import { TOKEN_PREFIX } from '../../control-plane/crypto/tokens.js';
import { WorkspacesService } from '../../control-plane/workspaces/workspaces.service.js';
import { Principal, Public, type AdminRequest } from '../admin.decorators.js';
import { loginSchema } from '../admin.schemas.js';
import { ZodBody } from '../openapi.helpers.js';
import { clearedSessionCookie, sessionCookie } from '../session-cookie.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { ADMIN_PREFIX, AdminController } from './admin-controller.js';

@AdminController(`${ADMIN_PREFIX}/auth`, 'auth')
export class AuthController {
  constructor(
    private readonly auth: AdminAuthService,
    private readonly workspaces: WorkspacesService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; sets the session cookie and returns the token' })
  @ZodBody(loginSchema)
  async login(
    @Body(new ZodValidationPipe(loginSchema)) body: { email: string; password: string },
    @Req() request: AdminRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.auth.login(body.email, body.password);
    const secure = request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
    reply.header('set-cookie', sessionCookie(result.token, SESSION_TTL_MS / 1000, secure));
    return result;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current session' })
  async logout(@Req() request: AdminRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (request.adminCredential?.startsWith(TOKEN_PREFIX.session)) await this.auth.logout(request.adminCredential);
    reply.header('set-cookie', clearedSessionCookie());
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user (or admin API key) and its workspaces' })
  async me(@Principal() principal: AdminPrincipal) {
    const workspaces = principal.userId
      ? await this.workspaces.listForUser(principal.userId)
      : await Promise.all([...principal.roles].map(async ([id, role]) => ({ ...(await this.workspaces.get(id)), role })));
    return { actor: principal.actor, email: principal.email ?? null, workspaces };
  }
}
