/**
 * A real, certified OpenID Provider (oidc-provider) on 127.0.0.1 for SSO tests, with its
 * development login form (any login, any password) and the accounts the test defines: the login
 * typed into the form is the account's `sub`.
 */
import { createServer, type Server } from 'node:http';
import { freePort } from './ports.js';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Authorization code lifetime in seconds (tests of expired codes shorten it). */
  setCodeTtl(seconds: number): void;
  close(): Promise<void>;
}

/** oidc-provider's development notices ("use your own account model", default TTLs) are noise here. */
function quietOidcProviderNotices(): () => void {
  const { info, warn } = console;
  const quiet = (original: (...args: unknown[]) => void) => (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider')) return;
    original.apply(console, args);
  };
  console.info = quiet(info);
  console.warn = quiet(warn);
  return () => {
    console.info = info;
    console.warn = warn;
  };
}

export async function startTestIdp(redirectUri: string, options: { clientId?: string; clientSecret?: string } = {}): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? 'aigw-console';
  const clientSecret = options.clientSecret ?? 'idp-client-secret-0123456789abcdef';
  const accounts = new Map<string, TestAccount>();
  let codeTtl = 60;
  const restoreConsole = quietOidcProviderNotices();
  // Imported here, behind the filter: it warns about Node 20 as it loads (it runs fine on it).
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...(accounts.get(sub) ?? {}) }),
    }),
    cookies: { keys: ['test-idp-cookie-key-0123456789abcdef'] },
    ttl: { AuthorizationCode: () => codeTtl },
    features: { devInteractions: { enabled: true } },
  } as never);
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    setCodeTtl: (seconds) => {
      codeTtl = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        restoreConsole();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
