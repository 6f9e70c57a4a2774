/**
 * The SSO sign-in flow, start to finish: `start` builds the IdP redirect and the sealed pending
 * state; `complete` checks the state, exchanges the code (PKCE, nonce, audience, issuer), applies
 * the email and role rules, provisions the user just in time and opens a server-side session. A
 * `test` sign-in runs the same checks but records what the IdP returned on the connection instead
 * of signing anyone in.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { AdminAuthService } from '../auth/admin-auth.service.js';
import { OidcClient } from './oidc.client.js';
import { checkedEmail, groupsOf, mapRole, matchedRole, type Claims } from './role-mapping.js';
import { SsoProvisioningService } from './sso-provisioning.service.js';
import { SsoConnectionsService, type SsoConnectionSecrets } from './sso-connections.service.js';
import { SsoSecretBox } from './sso-secret-box.js';
import { openPendingSignIn, sealPendingSignIn, SSO_STATE_TTL_MS, type PendingSignIn } from './sso-state.js';
import { SsoError } from './sso.errors.js';
import { SSO_CALLBACK_PATH, SSO_OPTIONS, type SsoOptions } from './sso.options.js';

export type SignInOutcome =
  | { kind: 'session'; token: string; expiresAt: Date; returnTo: string; userId: string; role: Role }
  | { kind: 'test'; connectionId: string; result: TestResult; returnTo: string };

export interface TestResult {
  ok: boolean;
  at: string;
  subject?: string;
  email?: string;
  groups?: string[];
  /** The role this person would get, or null when no rule maps them and there is no default. */
  role?: Role | null;
  claims?: Claims;
  /** Why they could not sign in (or why the test failed), with the SSO failure code. */
  error?: { code: string; message: string };
}

@Injectable()
export class SsoLoginService {
  constructor(
    @Inject(SSO_OPTIONS) private readonly options: SsoOptions,
    private readonly connections: SsoConnectionsService,
    private readonly oidc: OidcClient,
    private readonly auth: AdminAuthService,
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    private readonly box: SsoSecretBox,
    private readonly provisioning: SsoProvisioningService,
  ) {}

  /** The redirect URI to register at the IdP. */
  get redirectUri(): string {
    return `${this.options.publicUrl}${SSO_CALLBACK_PATH}`;
  }

  /** An absolute URL under the public base URL. */
  publicUrl(path: string): string {
    return `${this.options.publicUrl}${path}`;
  }

  async start(connectionId: string, mode: 'login' | 'test', returnTo = '/admin/'): Promise<{ url: string; sealedState: string }> {
    const secrets = await this.secrets(connectionId);
    if (mode === 'login' && !secrets.connection.enabled) throw new SsoError('connection_disabled', `${secrets.connection.name} sign-in is disabled`);
    const request = await this.oidc.authorizationRequest(secrets, this.redirectUri);
    const pending: PendingSignIn = {
      connectionId,
      state: request.state,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      mode,
      returnTo,
      expiresAt: Date.now() + SSO_STATE_TTL_MS,
    };
    return { url: request.url.href, sealedState: sealPendingSignIn(this.box, pending) };
  }

  /** `query` is the callback's query string as received (`?code=…&state=…&iss=…`). */
  async complete(query: string, sealedState: string | undefined): Promise<SignInOutcome> {
    const pending = openPendingSignIn(this.box, sealedState);
    if (!pending) {
      throw new SsoError('state_missing', 'this sign-in attempt expired or was started in another browser; start again from the sign-in page');
    }
    // The callback URL as the IdP was told it (public base URL), with what the IdP appended.
    const callbackUrl = new URL(`${this.redirectUri}${query.startsWith('?') || query === '' ? query : `?${query}`}`);
    const params = callbackUrl.searchParams;
    const secrets = await this.secrets(pending.connectionId);
    try {
      if (params.get('state') !== pending.state) {
        throw new SsoError('state_mismatch', 'the state returned by the IdP does not match this sign-in (a stale or forged callback); start again');
      }
      const idpError = params.get('error');
      if (idpError) {
        const description = params.get('error_description');
        throw new SsoError('idp_error', `the IdP answered ${idpError}${description ? ` (${description})` : ''}`);
      }
      const { claims, subject } = await this.oidc.signIn(secrets, callbackUrl, pending);
      return pending.mode === 'test' ? await this.test(secrets, claims, subject, pending.returnTo) : await this.login(secrets, claims, subject, pending.returnTo);
    } catch (error) {
      if (pending.mode === 'test' && error instanceof SsoError) {
        await this.connections.recordTest(secrets.connection.id, { ok: false, at: new Date().toISOString(), error: { code: error.reason, message: error.message } });
      }
      throw error;
    }
  }

  private async login(secrets: SsoConnectionSecrets, claims: Claims, subject: string, returnTo: string): Promise<SignInOutcome> {
    const { connection } = secrets;
    const email = checkedEmail(claims, connection);
    const role = mapRole(claims, connection);
    if (!role) {
      throw new SsoError('no_access', `no access to this workspace: none of ${email}'s groups (${groupsOf(claims, connection).join(', ') || 'none'}) maps to a role`);
    }
    const name = typeof claims.name === 'string' ? claims.name : undefined;
    const session = await this.prisma.$transaction(async (tx) => {
      const user = await this.provisioning.provision({ connectionId: connection.id, workspaceId: connection.workspaceId, subject, email, name, role, fromRule: matchedRole(claims, connection) !== null }, tx);
      const opened = await this.auth.createSession(tx, user.userId, 'sso', connection.id);
      await this.audit.record(tx, { type: 'user', id: user.userId, label: user.email }, {
        workspaceId: connection.workspaceId,
        action: 'auth.sso_login',
        targetType: 'user',
        targetId: user.userId,
        details: { connectionId: connection.id, connection: connection.name, role: user.role, createdUser: user.createdUser },
      });
      return { ...opened, userId: user.userId, role: user.role };
    });
    await this.connections.markVerified(connection.id);
    return { kind: 'session', ...session, returnTo };
  }

  private async test(secrets: SsoConnectionSecrets, claims: Claims, subject: string, returnTo: string): Promise<SignInOutcome> {
    const { connection } = secrets;
    const result: TestResult = { ok: true, at: new Date().toISOString(), subject, claims, groups: groupsOf(claims, connection), role: mapRole(claims, connection) };
    try {
      result.email = checkedEmail(claims, connection);
      if (!result.role) throw new SsoError('no_access', 'none of the groups maps to a role and there is no default role');
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      result.ok = false;
      result.error = { code: error.reason, message: error.message };
    }
    await this.connections.recordTest(connection.id, result as unknown as Record<string, unknown>);
    // The IdP answered and its tokens validated: the connection works, whoever tested it.
    await this.connections.markVerified(connection.id);
    return { kind: 'test', connectionId: connection.id, result, returnTo };
  }

  private async secrets(connectionId: string): Promise<SsoConnectionSecrets> {
    const secrets = await this.connections.forSignIn(connectionId);
    if (!secrets) throw new SsoError('connection_not_found', 'this SSO connection does not exist (any more)');
    return secrets;
  }
}
