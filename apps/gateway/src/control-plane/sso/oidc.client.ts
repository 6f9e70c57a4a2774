/**
 * The one place that talks OpenID Connect: discovery (openid-client), then the authorization URL
 * with PKCE, state and nonce and the code exchange with ID-token validation, both through passport
 * with openid-client's Strategy (oidc-passport.strategy.ts), then userinfo. Every failure leaves as
 * an SsoError that says which check failed (unreachable IdP, refused or reused code, nonce or
 * audience mismatch), never as a stack. Discovery results are cached per connection version.
 */
import { Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import { authenticateWithPassport, type StrategyState } from './oidc-passport.strategy.js';
import { isLoopbackUrl } from './sso-connection.schema.js';
import type { SsoConnectionSecrets } from './sso-connections.service.js';
import { SsoError } from './sso.errors.js';

/** Seconds to wait for the IdP (discovery, token and userinfo calls). */
const IDP_TIMEOUT_SECONDS = 10;

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignInResult {
  /** ID token claims, with the userinfo endpoint's claims added (email and groups often come only from there). */
  claims: Record<string, unknown>;
  subject: string;
}

@Injectable()
export class OidcClient {
  private readonly configs = new Map<string, { version: string; config: Promise<client.Configuration> }>();

  /** Discovery for a connection (cached until the connection changes); throws SsoError idp_unreachable. */
  async configuration({ connection, clientSecret }: SsoConnectionSecrets): Promise<client.Configuration> {
    const version = `${connection.updatedAt.toISOString()}|${connection.issuer}|${connection.clientId}`;
    const cached = this.configs.get(connection.id);
    if (cached?.version === version) return cached.config;
    const issuer = new URL(connection.issuer);
    const config = client
      .discovery(issuer, connection.clientId, undefined, client.ClientSecretBasic(clientSecret), {
        timeout: IDP_TIMEOUT_SECONDS,
        // Plain http only for an IdP on this machine (development and tests); the schema refuses it elsewhere.
        execute: issuer.protocol === 'http:' && isLoopbackUrl(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configs.delete(connection.id); // a failed discovery is retried next time
        throw new SsoError('idp_unreachable', `could not read the IdP's discovery document at ${issuer.href.replace(/\/$/, '')}/.well-known/openid-configuration (${describe(error)})`);
      });
    this.configs.set(connection.id, { version, config });
    return config;
  }

  /** Starts a sign-in through passport: the IdP URL, and the state to keep until the callback. */
  async authorizationRequest(secrets: SsoConnectionSecrets, redirectUri: string): Promise<AuthorizationRequest> {
    const config = await this.configuration(secrets);
    const session: { oidc?: StrategyState } = {};
    const outcome = await authenticateWithPassport(config, this.strategyOptions(secrets, redirectUri), '/', session);
    if (outcome.kind === 'error') throw toSsoError(outcome.error);
    const state = session.oidc;
    if (outcome.kind !== 'redirect' || !state?.state || !state.nonce) {
      throw new SsoError('idp_error', 'could not build the authorization request');
    }
    return { url: new URL(outcome.url), state: state.state, nonce: state.nonce, codeVerifier: state.code_verifier };
  }

  /**
   * Finishes a sign-in through passport: exchanges the code from `callbackUrl`, validating state,
   * nonce, audience, issuer and PKCE, then adds the userinfo claims.
   */
  async signIn(
    secrets: SsoConnectionSecrets,
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignInResult> {
    const config = await this.configuration(secrets);
    const session = { oidc: { code_verifier: expected.codeVerifier, state: expected.state, nonce: expected.nonce } };
    const outcome = await authenticateWithPassport(config, this.strategyOptions(secrets, callbackUrl.origin + callbackUrl.pathname), `${callbackUrl.pathname}${callbackUrl.search}`, session);
    if (outcome.kind === 'error') throw toSsoError(outcome.error);
    if (outcome.kind === 'fail') throw new SsoError('idp_error', `the IdP answered ${outcome.message}`);
    if (outcome.kind !== 'success') throw new SsoError('state_mismatch', 'the callback carried no authorization code');
    const { tokens } = outcome;
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoError('token_invalid', 'the IdP returned no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        // The ID token's own claims win: they are signed; userinfo only adds.
        claims = { ...userinfo, ...idClaims };
      } catch (error) {
        throw toSsoError(error);
      }
    }
    return { claims, subject: idClaims.sub };
  }

  private strategyOptions(secrets: SsoConnectionSecrets, redirectUri: string) {
    return { callbackURL: redirectUri, scope: secrets.connection.scopes.join(' ') };
  }
}

function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** The error and its causes, outermost first (openid-client wraps oauth4webapi's errors). */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e && typeof e === 'object' && out.length < 5; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** Which ID-token claim failed its check, when the library says so (`cause.claim`). */
function failedClaim(error: unknown): string | undefined {
  for (const e of chain(error)) {
    const claim = (e as { claim?: unknown }).claim;
    if (typeof claim === 'string') return claim;
  }
  return undefined;
}

function toSsoError(error: unknown): SsoError {
  if (error instanceof SsoError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new SsoError('idp_error', `the IdP answered ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`);
  }
  if (error instanceof client.ResponseBodyError) {
    if (error.error === 'invalid_grant') {
      return new SsoError('code_rejected', `the IdP refused the authorization code (${describe(error)}): it expired or was already used; sign in again`);
    }
    return new SsoError('idp_error', `the IdP refused the request (${describe(error)})`);
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0]?.parameters;
    const reason = challenge?.error ? `${challenge.error}${challenge.error_description ? `: ${challenge.error_description}` : ''}` : `HTTP ${error.status}`;
    return new SsoError('idp_error', `the IdP refused the client credentials (${reason}): check the client id and secret`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code ?? '';
  switch (failedClaim(error)) {
    case 'nonce':
      return new SsoError('nonce_mismatch', 'the ID token’s nonce does not match this sign-in (a replayed or forged token)');
    case 'aud':
    case 'azp':
      return new SsoError('token_invalid', 'the ID token was issued for another client (audience mismatch): check the client id');
    case 'iss':
      return new SsoError('token_invalid', 'the ID token comes from another issuer: the issuer URL must match the IdP’s exactly');
    case 'exp':
      return new SsoError('token_invalid', 'the ID token has expired (check the clocks of the gateway and the IdP)');
    case 'iat':
    case 'nbf':
    case 'auth_time':
      return new SsoError('token_invalid', `the ID token's ${failedClaim(error)} time is not valid (check the clocks of the gateway and the IdP)`);
    case undefined:
      break;
    default:
      return new SsoError('token_invalid', `the ID token's ${failedClaim(error)} claim failed validation`);
  }
  if (code.startsWith('OAUTH_') || /JWT|ID Token|signature|claim/i.test(message)) return new SsoError('token_invalid', `the ID token failed validation (${message})`);
  // Everything else is the network: refused, reset, timed out.
  return new SsoError('idp_unreachable', `could not reach the IdP (${describe(error)})`);
}
