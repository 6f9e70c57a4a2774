/**
 * Team SSO end to end over HTTP: a real OpenID provider (oidc-provider on 127.0.0.1) and a
 * browser made of fetch calls that follows the redirects, submits the IdP's login and consent
 * forms, and keeps cookies. Covers the public connection list, the full authorization-code flow
 * with PKCE/state/nonce, just-in-time users with the mapped role, the email-domain allow-list,
 * role mapping refusals, the "test connection" action, sealed client secrets, and seeding.
 */
import pg from 'pg';
import { testOptions } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { Browser, type Page } from './support/browser.js';
import { API, startSsoApp, type SsoApp } from './support/sso-app.js';
import { startTestIdp, type TestIdp } from './support/test-idp.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OWNER = { email: 'owner@example.com', password: 'a-long-owner-password' };

describe('SSO sign-in through a real OpenID provider', () => {
  let db: TestDatabase;
  let gw: SsoApp;
  let idp: TestIdp;
  let token: string;
  let workspaceId: string;
  let connectionId: string;

  const atConsole = (url: URL) => url.pathname === '/admin/' || url.pathname.startsWith('/admin/sign-in') || url.pathname.startsWith('/admin/w/');

  /** Sign in at the IdP as `login`, through its login and (first time) consent forms. */
  async function signIn(browser: Browser, startUrl: string, login: string): Promise<Page> {
    let page = await browser.navigate(startUrl, { stopAt: atConsole });
    for (let step = 0; step < 4 && page.status === 200; step++) {
      page = /name="login"/.test(page.html)
        ? await browser.submit(page, { login, password: 'any-password' }, { stopAt: atConsole })
        : await browser.submit(page, {}, { stopAt: atConsole });
    }
    return page;
  }

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    gw = await startSsoApp(testOptions(db.url, { bootstrapAdmin: OWNER }));
    idp = await startTestIdp(gw.redirectUri);
    idp.accounts.set('alice', { email: 'Alice@Example.com', email_verified: true, name: 'Alice', groups: ['gw-devs', 'everyone'] });
    idp.accounts.set('adam', { email: 'adam@example.com', email_verified: true, groups: ['gw-admins', 'gw-devs'] });
    idp.accounts.set('bob', { email: 'bob@elsewhere.org', email_verified: true, groups: ['gw-admins'] });
    idp.accounts.set('carol', { email: 'carol@example.com', email_verified: true, groups: ['marketing'] });
    token = (await gw.call('POST', '/auth/login', { body: OWNER })).body.token;
    workspaceId = (await gw.call('GET', '/auth/me', { token })).body.workspaces[0].id;
    const created = await gw.call('POST', `/workspaces/${workspaceId}/sso/connections`, {
      token,
      body: {
        name: 'Acme IdP',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: ['openid', 'email', 'profile', 'groups'],
        roleMappings: [
          { value: 'gw-admins', role: 'admin' },
          { value: 'gw-devs', role: 'member' },
        ],
        allowedDomains: ['example.com'],
      },
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
  });

  afterAll(async () => {
    await gw?.close();
    await idp?.close();
    await db?.drop();
  });

  it('lists enabled connections publicly for the sign-in page, with a login URL under the public base URL', async () => {
    const list = await gw.call('GET', '/auth/sso/connections');
    expect(list).toEqual({ status: 200, body: [{ id: connectionId, name: 'Acme IdP', loginUrl: `${gw.baseUrl}${API}/auth/sso/${connectionId}/login` }] });
  });

  it('never returns or stores the client secret in clear', async () => {
    const got = await gw.call('GET', `/workspaces/${workspaceId}/sso/connections/${connectionId}`, { token });
    expect(got.body).toMatchObject({ clientId: idp.clientId, clientSecretHint: expect.stringMatching(/…/), verifiedAt: null });
    expect(JSON.stringify(got.body)).not.toContain(idp.clientSecret);
    const [row] = await query<{ encrypted_client_secret: Buffer }>('SELECT encrypted_client_secret FROM sso_connections WHERE id = $1', [connectionId]);
    expect(row!.encrypted_client_secret.toString('latin1')).not.toContain(idp.clientSecret);
    const audit = await gw.call('GET', `/workspaces/${workspaceId}/audit-logs`, { token });
    expect(JSON.stringify(audit.body)).not.toContain(idp.clientSecret);
  });

  it('signs a new person in: PKCE + state + nonce, user created just in time with the mapped role, session cookie set', async () => {
    const browser = new Browser();
    const [first] = (await gw.call('GET', '/auth/sso/connections')).body;
    const start = await browser.request(first.loginUrl);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: idp.clientId,
      redirect_uri: gw.redirectUri,
      response_type: 'code',
      code_challenge_method: 'S256',
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.any(String),
    });

    const landed = await signIn(browser, authorize.href, 'alice');
    expect(landed.url).toBe(`${gw.baseUrl}/admin/`);
    const callback = landed.hops.find((h) => h.url.startsWith(gw.redirectUri))!;
    expect(callback.status).toBe(302);
    const session = callback.setCookies.find((c) => c.startsWith('aigw_admin_session='))!;
    expect(session).toMatch(/; Path=\/admin; HttpOnly; SameSite=Lax/);
    expect(session).not.toMatch(/Secure/); // plain http here; Secure behind TLS
    expect(callback.setCookies.find((c) => c.startsWith('aigw_csrf='))).toMatch(/SameSite=Lax/);
    expect(browser.cookie('aigw_sso_state')).toBeUndefined(); // single use: cleared by the callback

    const me = await browser.request(`${gw.baseUrl}${API}/auth/me`, { headers: { accept: 'application/json' } });
    const body = (await me.json()) as Json;
    expect(body).toMatchObject({ email: 'alice@example.com', sessionMethod: 'sso', workspaces: [{ id: workspaceId, role: 'member' }] });
    expect(body.workspaces[0].permissions).toEqual(expect.arrayContaining(['configs:write', 'api-keys:own']));
    expect(body.workspaces[0].permissions).not.toContain('virtual-keys:write');

    const [user] = await query<{ email: string; name: string; password_hash: string | null }>("SELECT email, name, password_hash FROM users WHERE email = 'alice@example.com'");
    expect(user).toEqual({ email: 'alice@example.com', name: 'Alice', password_hash: null });
    const [identity] = await query<{ subject: string }>('SELECT subject FROM sso_identities WHERE connection_id = $1', [connectionId]);
    expect(identity).toEqual({ subject: 'alice' });
    const verified = await gw.call('GET', `/workspaces/${workspaceId}/sso/connections/${connectionId}`, { token });
    expect(verified.body.verifiedAt).toEqual(expect.any(String));
  });

  it('marks the sign-in cookies Secure behind TLS', async () => {
    const start = await new Browser().request(`${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(start.headers.getSetCookie()[0]).toMatch(/^aigw_sso_state=[^;]+; Path=\/admin\/api\/v1\/auth\/sso; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
  });

  it('gives the highest mapped role, and follows the IdP when groups change', async () => {
    const browser = new Browser();
    await signIn(browser, `${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, 'adam');
    const me = (await (await browser.request(`${gw.baseUrl}${API}/auth/me`)).json()) as Json;
    expect(me.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'admin' })]);

    idp.accounts.set('adam', { email: 'adam@example.com', email_verified: true, groups: ['gw-devs'] });
    const again = new Browser();
    await signIn(again, `${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, 'adam');
    const after = (await (await again.request(`${gw.baseUrl}${API}/auth/me`)).json()) as Json;
    expect(after.workspaces).toEqual([expect.objectContaining({ role: 'member' })]);
  });

  it('refuses an email outside the allowed domains, back on the sign-in page with the reason, creating nobody', async () => {
    const browser = new Browser();
    const landed = await signIn(browser, `${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, 'bob');
    const url = new URL(landed.url);
    expect(url.pathname).toBe('/admin/sign-in');
    expect(url.searchParams.get('error')).toBe('domain_not_allowed');
    expect(url.searchParams.get('error_description')).toBe('elsewhere.org is not an allowed email domain for this workspace');
    expect(browser.cookie('aigw_admin_session')).toBeUndefined();
    expect(await query("SELECT id FROM users WHERE email = 'bob@elsewhere.org'")).toEqual([]);
  });

  it('refuses a person no rule maps when there is no default role, and lets them in once there is one', async () => {
    const browser = new Browser();
    const landed = await signIn(browser, `${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, 'carol');
    expect(new URL(landed.url).searchParams.get('error')).toBe('no_access');
    expect(new URL(landed.url).searchParams.get('error_description')).toContain('marketing');

    await gw.call('PATCH', `/workspaces/${workspaceId}/sso/connections/${connectionId}`, { token, body: { defaultRole: 'viewer' } });
    const retry = new Browser();
    await signIn(retry, `${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, 'carol');
    const me = (await (await retry.request(`${gw.baseUrl}${API}/auth/me`)).json()) as Json;
    expect(me.workspaces).toEqual([expect.objectContaining({ role: 'viewer' })]);
  });

  it('keeps a role given by hand when only the default role speaks for the person', async () => {
    const members = await gw.call('GET', `/workspaces/${workspaceId}/members`, { token });
    const carol = members.body.find((m: Json) => m.email === 'carol@example.com');
    expect(carol.role).toBe('viewer');
    await gw.call('PATCH', `/workspaces/${workspaceId}/members/${carol.userId}`, { token, body: { role: 'admin' } });
    const browser = new Browser();
    await signIn(browser, `${gw.baseUrl}${API}/auth/sso/${connectionId}/login`, 'carol');
    const me = (await (await browser.request(`${gw.baseUrl}${API}/auth/me`)).json()) as Json;
    expect(me.workspaces).toEqual([expect.objectContaining({ role: 'admin' })]);
  });

  it('tests a connection: what the IdP returned (claims, groups, mapped role), without signing anyone in', async () => {
    const browser = new Browser();
    const test = await browser.request(`${gw.baseUrl}${API}/workspaces/${workspaceId}/sso/connections/${connectionId}/test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ returnTo: `/admin/w/${workspaceId}/settings?tab=sso` }),
    });
    const started = (await test.json()) as Json;
    expect(started).toMatchObject({ discovery: { ok: true }, redirectUri: gw.redirectUri, authorizationUrl: expect.stringContaining(idp.issuer) });
    const landed = await signIn(browser, started.authorizationUrl, 'alice');
    expect(landed.url).toBe(`${gw.baseUrl}/admin/w/${workspaceId}/settings?tab=sso&tested=${connectionId}`);
    expect(browser.cookie('aigw_admin_session')).toBeUndefined();
    const got = await gw.call('GET', `/workspaces/${workspaceId}/sso/connections/${connectionId}`, { token });
    expect(got.body.lastTest).toMatchObject({
      ok: true,
      subject: 'alice',
      email: 'alice@example.com',
      groups: ['gw-devs', 'everyone'],
      role: 'member',
      claims: expect.objectContaining({ iss: idp.issuer, aud: idp.clientId, name: 'Alice' }),
    });
  });

  it('reports why a connection test fails when the IdP cannot be reached', async () => {
    const broken = await gw.call('POST', `/workspaces/${workspaceId}/sso/connections`, {
      token,
      body: { name: 'Down', issuer: 'http://127.0.0.1:1', clientId: 'x', clientSecret: 'y' },
    });
    const test = await gw.call('POST', `/workspaces/${workspaceId}/sso/connections/${broken.body.id}/test`, { token });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ authorizationUrl: null, discovery: { ok: false, error: { code: 'idp_unreachable' } } });
    expect(test.body.discovery.error.message).toContain('http://127.0.0.1:1/.well-known/openid-configuration');
    await gw.call('DELETE', `/workspaces/${workspaceId}/sso/connections/${broken.body.id}`, { token });
  });

  it('validates connection input, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', issuer: 'http://idp.example.com', clientId: 'c', clientSecret: 's' }, 'issuer'],
      [{ name: 'x', issuer: 'https://idp.example.com', clientId: 'c' }, 'clientSecret'],
      [{ name: 'x', issuer: 'https://idp.example.com', clientId: 'c', clientSecret: 's', scopes: ['email'] }, 'scopes'],
      [{ name: 'x', issuer: 'https://idp.example.com', clientId: 'c', clientSecret: 's', roleMappings: [{ value: 'g', role: 'god' }] }, 'roleMappings[0].role'],
      [{ name: 'x', issuer: 'https://idp.example.com', clientId: 'c', clientSecret: 's', allowedDomains: ['not a domain'] }, 'allowedDomains[0]'],
    ];
    for (const [body, field] of cases) {
      const response = await gw.call('POST', `/workspaces/${workspaceId}/sso/connections`, { token, body });
      expect({ field, status: response.status, got: response.body.field }).toEqual({ field, status: 400, got: field });
    }
  });
});
