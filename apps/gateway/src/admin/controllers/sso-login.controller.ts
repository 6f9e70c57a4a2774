import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation } from '../openapi.decorators.js';
import type { FastifyReply } from 'fastify';
import { SESSION_TTL_MS } from '../../control-plane/auth/admin-auth.service.js';
import { SsoConnectionsService } from '../../control-plane/sso/sso-connections.service.js';
import { SsoLoginService } from '../../control-plane/sso/sso-login.service.js';
import { safeReturnTo, SSO_STATE_COOKIE, SSO_STATE_TTL_MS } from '../../control-plane/sso/sso-state.js';
import { SsoError } from '../../control-plane/sso/sso.errors.js';
import { isSecureRequest } from '../admin.options.js';
import { Public, type AdminRequest } from '../admin.decorators.js';
import { CsrfTokens } from '../csrf.js';
import { csrfCookie, readCookie, sessionCookie } from '../session-cookie.js';
import { ADMIN_PREFIX, AdminController } from './admin-controller.js';

const SSO_PATH = `${ADMIN_PREFIX}/auth/sso`;

/** The pending-state cookie: only this controller's paths see it; Lax so the IdP's redirect back carries it. */
export function ssoStateCookie(value: string, secure: boolean): string {
  const maxAge = value ? Math.floor(SSO_STATE_TTL_MS / 1000) : 0;
  return [`${SSO_STATE_COOKIE}=${value}`, `Path=/${SSO_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`, ...(secure ? ['Secure'] : [])].join('; ');
}

function wantsHtml(request: AdminRequest): boolean {
  const accept = request.headers.accept;
  return (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).includes('text/html');
}

/**
 * The browser side of SSO: the sign-in page's list, the redirect to the IdP, and the callback.
 * Errors answer in the admin API's JSON shape with their status; a browser (Accept: text/html)
 * is sent back to the console's sign-in page, /admin/sign-in?error=<code>&error_description=<reason>.
 */
@AdminController(SSO_PATH, 'sso sign-in')
export class SsoLoginController {
  constructor(
    private readonly connections: SsoConnectionsService,
    private readonly login: SsoLoginService,
    private readonly csrf: CsrfTokens,
  ) {}

  /** Secure cookies behind TLS: at the gateway, at a proxy in front, or an https public URL. */
  private secure(request: AdminRequest): boolean {
    return isSecureRequest(request, { publicUrl: this.login.publicUrl('') });
  }

  @Get('connections')
  @Public()
  @ApiOperation({ summary: 'SSO connections for the sign-in page: id, name and the URL that starts the sign-in' })
  async list() {
    return (await this.connections.listPublic()).map((c) => ({ ...c, loginUrl: this.login.publicUrl(`/${SSO_PATH}/${c.id}/login`) }));
  }

  @Get(':connectionId/login')
  @Public()
  @ApiOperation({ summary: 'Start an SSO sign-in: redirects to the IdP (authorization code + PKCE, state, nonce); `returnTo` is a path under /admin/' })
  async start(
    @Param('connectionId') connectionId: string,
    @Query('returnTo') returnTo: string | undefined,
    @Req() request: AdminRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      const { url, sealedState } = await this.login.start(connectionId, 'login', safeReturnTo(returnTo));
      reply.header('set-cookie', ssoStateCookie(sealedState, this.secure(request)));
      reply.redirect(url, 302);
    } catch (error) {
      this.fail(error, request, reply);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'The redirect URI to register at the IdP: finishes the sign-in, sets the session cookie, redirects to /admin/' })
  async callback(@Req() request: AdminRequest, @Res() reply: FastifyReply): Promise<void> {
    const url = request.url ?? '';
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    const sealed = readCookie(request.headers.cookie, SSO_STATE_COOKIE);
    try {
      const outcome = await this.login.complete(query, sealed);
      const secure = this.secure(request);
      const cookies = [ssoStateCookie('', secure)];
      if (outcome.kind === 'test') {
        reply.header('set-cookie', cookies);
        const separator = outcome.returnTo.includes('?') ? '&' : '?';
        reply.redirect(this.login.publicUrl(`${outcome.returnTo}${separator}tested=${encodeURIComponent(outcome.connectionId)}`), 302);
        return;
      }
      const maxAge = SESSION_TTL_MS / 1000;
      cookies.push(sessionCookie(outcome.token, maxAge, secure), csrfCookie(this.csrf.tokenFor(outcome.token), maxAge, secure));
      reply.header('set-cookie', cookies);
      reply.redirect(this.login.publicUrl(outcome.returnTo), 302);
    } catch (error) {
      this.fail(error, request, reply);
    }
  }

  /** A browser goes back to the sign-in page with the reason; an API client gets the JSON error. */
  private fail(error: unknown, request: AdminRequest, reply: FastifyReply): void {
    reply.header('set-cookie', ssoStateCookie('', this.secure(request)));
    if (!(error instanceof SsoError) || !wantsHtml(request)) throw error;
    const query = new URLSearchParams({ error: error.reason, error_description: error.detail });
    reply.redirect(this.login.publicUrl(`/admin/sign-in?${query}`), 302);
  }
}
