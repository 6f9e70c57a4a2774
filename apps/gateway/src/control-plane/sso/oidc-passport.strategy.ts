/**
 * The sign-in steps run through passport with openid-client's passport Strategy, fixed where it
 * falls short for us: it sends only PKCE by default, so `state` and `nonce` are added; the callback
 * URL comes from the public base URL, never the Host header; and the "session" it keeps the PKCE
 * verifier, state and nonce in is a plain object the caller persists (sealed in a cookie, so any
 * gateway process can finish a sign-in). Passport runs here on a stand-in request and response:
 * a redirect is captured, not written, and the caller answers through Fastify.
 */
import passport from 'passport';
import * as client from 'openid-client';
import { Strategy } from 'openid-client/passport';

/** What openid-client's Strategy keeps between the redirect and the callback. */
export interface StrategyState {
  code_verifier: string;
  nonce?: string;
  state?: string;
  max_age?: number;
}

export type Tokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

class GatewayOidcStrategy extends Strategy {
  // The base class adds `state` only when the IdP lacks PKCE and `nonce` only for implicit flows.
  override authorizationRequestParams(req: never, options: never): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options) as URLSearchParams);
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }

  // Only the query matters: the Strategy puts it onto `callbackURL` (the public base URL).
  override currentUrl(req: never): URL {
    return new URL((req as { url: string }).url, 'http://unused.invalid');
  }
}

export type PassportOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; tokens: Tokens }
  | { kind: 'fail'; message: string }
  | { kind: 'error'; error: unknown };

const SESSION_KEY = 'oidc';

/**
 * One passport authentication on a stand-in request: `url` is the path and query as received
 * (the login route to start, the callback to finish), `session` the stored state (read and
 * written in place).
 */
export function authenticateWithPassport(
  config: client.Configuration,
  options: { callbackURL: string; scope: string },
  url: string,
  session: { [SESSION_KEY]?: StrategyState },
): Promise<PassportOutcome> {
  const strategy = new GatewayOidcStrategy({ config, callbackURL: options.callbackURL, scope: options.scope, sessionKey: SESSION_KEY }, (tokens, verified) =>
    verified(null, { tokens }),
  );
  return new Promise((resolve) => {
    const headers = new Map<string, string>();
    const req = { method: 'GET', url, headers: {}, session };
    const res = {
      statusCode: 200,
      setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
      end: () => resolve({ kind: 'redirect', url: headers.get('location') ?? '' }),
    };
    // Object.create: passport binds its per-request actions onto the strategy object it is given.
    const middleware = passport.authenticate(Object.create(strategy) as Strategy, { session: false }, (error: unknown, user: unknown, info: unknown) => {
      if (error) return resolve({ kind: 'error', error });
      if (!user) return resolve({ kind: 'fail', message: (info as { message?: string } | undefined)?.message ?? 'authentication failed' });
      resolve({ kind: 'success', tokens: (user as { tokens: Tokens }).tokens });
    });
    middleware(req, res, (error?: unknown) => resolve({ kind: 'error', error }));
  });
}
