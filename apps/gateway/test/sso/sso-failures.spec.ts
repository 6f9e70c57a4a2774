/**
 * SSO failure paths, each answered with a clear reason and status in the admin API's error shape
 * (and no session): bad or missing state, a nonce or audience the sign-in did not ask for, an
 * expired ID token, an authorization code used twice or too late, an IdP error, a wrong client
 * secret, and an IdP that is down before or during the sign-in. A browser is sent back to the
 * sign-in page with the reason instead.
 */
import { testOptions } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { Browser } from './support/browser.js';
import { startRogueIdp, type RogueIdp } from './support/rogue-idp.js';
import { API, startSsoApp, type SsoApp } from './support/sso-app.js';
import { startTestIdp, type TestIdp } from './support/test-idp.js';

const OWNER = { email: 'owner@example.com', password: 'a-long-owner-password' };
const JSON_ACCEPT = { accept: 'application/json' };

describe('SSO failure paths', () => {
  let db: TestDatabase;
  let gw: SsoApp;
  let idp: TestIdp;
  let rogue: RogueIdp;
  let token: string;
  let workspaceId: string;
  let connectionId: string;
  let rogueConnectionId: string;

  async function connect(body: Record<string, unknown>): Promise<string> {
    const created = await gw.call('POST', `/workspaces/${workspaceId}/sso/connections`, { token, body: { defaultRole: 'viewer', scopes: ['openid', 'email', 'profile', 'groups'], ...body } });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const loginUrl = (id: string) => `${gw.baseUrl}${API}/auth/sso/${id}/login`;
  const atCallback = (url: URL) => url.pathname === `${API}/auth/sso/callback`;

  /** Signs in at the IdP and stops just before the browser reaches our callback; returns its URL. */
  async function untilCallback(browser: Browser, id: string, login = 'dana'): Promise<string> {
    let page = await browser.navigate(loginUrl(id), { stopAt: atCallback });
    while (page.status === 200) {
      page = await browser.submit(page, /name="login"/.test(page.html) ? { login, password: 'x' } : {}, { stopAt: atCallback });
    }
    expect(atCallback(new URL(page.url))).toBe(true);
    return page.url;
  }

  async function callback(browser: Browser, url: string, accept = JSON_ACCEPT) {
    const response = await browser.request(url, { headers: accept });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, location: response.headers.get('location'), setCookies: response.headers.getSetCookie() };
  }

  function expectNoSession(result: { setCookies: string[] }) {
    expect(result.setCookies.some((c) => c.startsWith('aigw_admin_session=aigw_session_'))).toBe(false);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    gw = await startSsoApp(testOptions(db.url, { bootstrapAdmin: OWNER }));
    idp = await startTestIdp(gw.redirectUri);
    idp.accounts.set('dana', { email: 'dana@example.com', email_verified: true });
    rogue = await startRogueIdp();
    token = (await gw.call('POST', '/auth/login', { body: OWNER })).body.token;
    workspaceId = (await gw.call('GET', '/auth/me', { token })).body.workspaces[0].id;
    connectionId = await connect({ name: 'Real', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    rogueConnectionId = await connect({ name: 'Rogue', issuer: rogue.issuer, clientId: rogue.clientId, clientSecret: rogue.clientSecret, scopes: ['openid', 'email'] });
  });

  afterEach(() => {
    rogue.tamper = (claims) => claims;
    idp.setCodeTtl(60);
  });

  afterAll(async () => {
    await gw?.close();
    await idp?.close();
    await rogue?.close();
    await db?.drop();
  });

  it('works when nothing is tampered with (the baseline the other cases break)', async () => {
    const browser = new Browser();
    const result = await callback(browser, await untilCallback(browser, connectionId));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`${gw.baseUrl}/admin/`);
    const rogueBrowser = new Browser();
    const rogueResult = await callback(rogueBrowser, await untilCallback(rogueBrowser, rogueConnectionId));
    expect(rogueResult.status).toBe(302);
  });

  it('refuses a callback whose state does not match the sign-in (400 state_mismatch)', async () => {
    const browser = new Browser();
    const url = new URL(await untilCallback(browser, connectionId));
    url.searchParams.set('state', 'forged-state');
    const result = await callback(browser, url.href);
    expect(result).toMatchObject({ status: 400, body: { status: 'failure', code: 'state_mismatch', message: expect.stringMatching(/^SSO sign-in failed: the state returned by the IdP does not match/) } });
    expectNoSession(result);
  });

  it('refuses a callback finished in another browser, without the state cookie (400 state_missing)', async () => {
    const url = await untilCallback(new Browser(), connectionId);
    const result = await callback(new Browser(), url);
    expect(result).toMatchObject({ status: 400, body: { code: 'state_missing', message: expect.stringContaining('expired or was started in another browser') } });
    expectNoSession(result);
  });

  it('refuses an ID token with another nonce (401 nonce_mismatch)', async () => {
    rogue.tamper = (claims) => ({ ...claims, nonce: 'a-nonce-from-another-sign-in' });
    const browser = new Browser();
    const result = await callback(browser, await untilCallback(browser, rogueConnectionId));
    expect(result).toMatchObject({ status: 401, body: { code: 'nonce_mismatch', message: expect.stringContaining('nonce') } });
    expectNoSession(result);
  });

  it('refuses an ID token issued for another client (401, audience)', async () => {
    rogue.tamper = (claims) => ({ ...claims, aud: 'some-other-client' });
    const browser = new Browser();
    const result = await callback(browser, await untilCallback(browser, rogueConnectionId));
    expect(result).toMatchObject({ status: 401, body: { code: 'token_invalid', message: expect.stringContaining('audience') } });
    expectNoSession(result);
  });

  it('refuses an expired ID token (401 token_invalid)', async () => {
    rogue.tamper = (claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 });
    const browser = new Browser();
    const result = await callback(browser, await untilCallback(browser, rogueConnectionId));
    expect(result).toMatchObject({ status: 401, body: { code: 'token_invalid' } });
    expect(result.body.message).toMatch(/exp|expired/i);
    expectNoSession(result);
  });

  it('refuses an authorization code used twice (401 code_rejected by the IdP)', async () => {
    const browser = new Browser();
    const url = await untilCallback(browser, connectionId);
    const stateCookie = browser.cookie('aigw_sso_state')!;
    expect((await callback(browser, url)).status).toBe(302);
    // An attacker replaying the callback, state cookie included.
    browser.store([`aigw_sso_state=${stateCookie}; Path=${API}/auth/sso`], url);
    const replay = await callback(browser, url);
    expect(replay).toMatchObject({ status: 401, body: { code: 'code_rejected', message: expect.stringContaining('invalid_grant') } });
    expectNoSession(replay);
  });

  it('refuses an expired authorization code (401 code_rejected)', async () => {
    idp.setCodeTtl(1);
    const browser = new Browser();
    const url = await untilCallback(browser, connectionId);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const result = await callback(browser, url);
    expect(result).toMatchObject({ status: 401, body: { code: 'code_rejected', message: expect.stringContaining('expired or was already used') } });
  });

  it('passes on the IdP’s own error (401 idp_error), and sends a browser back to the sign-in page with it', async () => {
    const browser = new Browser();
    const url = new URL(await untilCallback(browser, connectionId));
    const denied = new URL(url.pathname, url);
    denied.search = new URLSearchParams({ error: 'access_denied', error_description: 'User is not assigned to this application', state: url.searchParams.get('state')! }).toString();
    const stateCookie = browser.cookie('aigw_sso_state')!;
    const json = await callback(browser, denied.href);
    expect(json).toMatchObject({ status: 401, body: { code: 'idp_error', message: 'SSO sign-in failed: the IdP answered access_denied (User is not assigned to this application)' } });

    browser.store([`aigw_sso_state=${stateCookie}; Path=${API}/auth/sso`], url.href);
    const html = await callback(browser, denied.href, { accept: 'text/html' });
    expect(html.status).toBe(302);
    const back = new URL(html.location!);
    expect(back.pathname).toBe('/admin/sign-in');
    expect(back.searchParams.get('error')).toBe('idp_error');
    expect(back.searchParams.get('error_description')).toBe('the IdP answered access_denied (User is not assigned to this application)');
  });

  it('says so when the client secret is wrong (401 idp_error invalid_client), never echoing it', async () => {
    const id = await connect({ name: 'Wrong secret', issuer: idp.issuer, clientId: idp.clientId, clientSecret: 'not-the-right-secret-123' });
    const browser = new Browser();
    const result = await callback(browser, await untilCallback(browser, id));
    expect(result).toMatchObject({ status: 401, body: { code: 'idp_error', message: expect.stringContaining('invalid_client') } });
    expect(JSON.stringify(result.body)).not.toContain('not-the-right-secret-123');
  });

  it('answers 502 idp_unreachable when the IdP is down before the sign-in starts', async () => {
    const id = await connect({ name: 'Down', issuer: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's' });
    const json = await callback(new Browser(), loginUrl(id));
    expect(json).toMatchObject({ status: 502, body: { status: 'failure', code: 'idp_unreachable', message: expect.stringContaining('discovery document') } });
    const html = await callback(new Browser(), loginUrl(id), { accept: 'text/html' });
    expect(new URL(html.location!).searchParams.get('error')).toBe('idp_unreachable');
  });

  it('answers 502 idp_unreachable when the IdP goes down during the sign-in', async () => {
    const flaky = await startTestIdp(gw.redirectUri, { clientId: 'flaky-client' });
    flaky.accounts.set('dana', { email: 'dana@example.com' });
    const id = await connect({ name: 'Flaky', issuer: flaky.issuer, clientId: flaky.clientId, clientSecret: flaky.clientSecret });
    const browser = new Browser();
    const url = await untilCallback(browser, id);
    await flaky.close();
    const result = await callback(browser, url);
    expect(result).toMatchObject({ status: 502, body: { code: 'idp_unreachable', message: expect.stringContaining('could not reach the IdP') } });
    expectNoSession(result);
  });

  it('refuses a disabled connection and an unknown one', async () => {
    const id = await connect({ name: 'Off', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, enabled: false });
    expect(await callback(new Browser(), loginUrl(id))).toMatchObject({ status: 403, body: { code: 'connection_disabled' } });
    expect((await gw.call('GET', '/auth/sso/connections')).body.map((c: { id: string }) => c.id)).not.toContain(id);
    expect(await callback(new Browser(), loginUrl('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, body: { code: 'connection_not_found' } });
  });
});
