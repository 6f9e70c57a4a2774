import { Body, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ZodBody } from '../openapi.decorators.js';
import type { FastifyReply } from 'fastify';
import type { AdminPrincipal } from '../../control-plane/auth/admin-principal.js';
import {
  createSsoConnectionSchema,
  ssoSettingsSchema,
  testSsoConnectionSchema,
  updateSsoConnectionSchema,
  type CreateSsoConnectionInput,
  type UpdateSsoConnectionInput,
} from '../../control-plane/sso/sso-connection.schema.js';
import { SsoConnectionsService } from '../../control-plane/sso/sso-connections.service.js';
import { SsoLoginService } from '../../control-plane/sso/sso-login.service.js';
import { safeReturnTo } from '../../control-plane/sso/sso-state.js';
import { SsoError } from '../../control-plane/sso/sso.errors.js';
import { isSecureRequest } from '../admin.options.js';
import { Principal, RequirePermission, type AdminRequest } from '../admin.decorators.js';
import { ZodValidationPipe } from '../zod-validation.pipe.js';
import { AdminController, WORKSPACE_PREFIX } from './admin-controller.js';
import { ssoStateCookie } from './sso-login.controller.js';

/** Where a test sign-in lands (with `tested=<connection id>`) unless the request names a console page. */
const DEFAULT_TEST_LANDING = '/admin/settings/sso';

/** SSO connections and the password sign-in switch of a workspace: owners only. */
@AdminController(`${WORKSPACE_PREFIX}/sso`, 'sso settings')
export class SsoConnectionsController {
  constructor(
    private readonly connections: SsoConnectionsService,
    private readonly login: SsoLoginService,
  ) {}

  @Get('connections')
  @RequirePermission('sso:manage')
  @ApiOperation({ summary: 'SSO connections of the workspace (client secrets masked), with the redirect URI to register at the IdP' })
  async list(@Param('workspaceId') workspaceId: string) {
    return { redirectUri: this.login.redirectUri, connections: await this.connections.list(workspaceId) };
  }

  @Post('connections')
  @RequirePermission('sso:manage')
  @ApiOperation({ summary: 'Add an OpenID Connect connection (issuer URL, client id and secret, role mappings, allowed domains)' })
  @ZodBody(createSsoConnectionSchema)
  create(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(createSsoConnectionSchema)) body: CreateSsoConnectionInput,
  ) {
    return this.connections.create(workspaceId, body, principal.actor);
  }

  @Get('connections/:connectionId')
  @RequirePermission('sso:manage')
  @ApiOperation({ summary: 'One connection, with the result of its last test sign-in' })
  get(@Param('workspaceId') workspaceId: string, @Param('connectionId') connectionId: string) {
    return this.connections.get(workspaceId, connectionId);
  }

  @Patch('connections/:connectionId')
  @RequirePermission('sso:manage')
  @ApiOperation({ summary: 'Change a connection (a new client secret replaces the old one; it is never shown)' })
  @ZodBody(updateSsoConnectionSchema)
  update(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Param('connectionId') connectionId: string,
    @Body(new ZodValidationPipe(updateSsoConnectionSchema)) body: UpdateSsoConnectionInput,
  ) {
    return this.connections.update(workspaceId, connectionId, body, principal.actor);
  }

  @Delete('connections/:connectionId')
  @RequirePermission('sso:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a connection (its users keep their accounts and sessions)' })
  async remove(@Principal() principal: AdminPrincipal, @Param('workspaceId') workspaceId: string, @Param('connectionId') connectionId: string) {
    await this.connections.remove(workspaceId, connectionId, principal.actor);
  }

  @Post('connections/:connectionId/test')
  @RequirePermission('sso:manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Test a connection: checks discovery now, and returns an authorizationUrl; a sign-in there records what the IdP returned (claims, groups, mapped role) or why it failed, shown by GET on the connection as lastTest, then lands on `returnTo` (a path under /admin/) with `tested=<id>`',
  })
  @ZodBody(testSsoConnectionSchema)
  async test(
    @Param('workspaceId') workspaceId: string,
    @Param('connectionId') connectionId: string,
    @Body(new ZodValidationPipe(testSsoConnectionSchema)) body: { returnTo?: string },
    @Req() request: AdminRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.connections.get(workspaceId, connectionId); // 404 for another workspace's connection
    try {
      const { url, sealedState } = await this.login.start(connectionId, 'test', safeReturnTo(body.returnTo ?? DEFAULT_TEST_LANDING));
      reply.header('set-cookie', ssoStateCookie(sealedState, isSecureRequest(request, { publicUrl: this.login.publicUrl('') })));
      return { discovery: { ok: true }, authorizationUrl: url, redirectUri: this.login.redirectUri };
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      const result = { ok: false, at: new Date().toISOString(), error: { code: error.reason, message: error.message } };
      await this.connections.recordTest(connectionId, result);
      return { discovery: { ok: false, error: result.error }, authorizationUrl: null, redirectUri: this.login.redirectUri };
    }
  }

  @Get('settings')
  @RequirePermission('sso:manage')
  @ApiOperation({ summary: 'Whether password sign-in is on, and whether an SSO connection has worked yet' })
  settings(@Param('workspaceId') workspaceId: string) {
    return this.connections.settings(workspaceId);
  }

  @Patch('settings')
  @RequirePermission('sso:manage')
  @ApiOperation({ summary: 'Switch password sign-in off (once SSO has worked) or back on; the bootstrap owner keeps a break-glass path (README)' })
  @ZodBody(ssoSettingsSchema)
  setSettings(
    @Principal() principal: AdminPrincipal,
    @Param('workspaceId') workspaceId: string,
    @Body(new ZodValidationPipe(ssoSettingsSchema)) body: { passwordLogin: boolean },
  ) {
    return this.connections.setPasswordLogin(workspaceId, body.passwordLogin, principal.actor);
  }
}
