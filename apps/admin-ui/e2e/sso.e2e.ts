/// <reference path="../../gateway/test/sso/support/oidc-provider.d.ts" />
/**
 * Team SSO in the browser: a real OpenID Provider (oidc-provider, started here on 127.0.0.1, with
 * its development login form) and the real gateway, whose connection is seeded from SSO_* variables
 * (groups → roles: gateway-admins → admin, no default role). A member of gateway-admins clicks
 * "Sign in with Test IdP", signs in at the IdP, lands on the overview, and exists just in time with
 * the admin role; someone in no mapped group comes back to the sign-in page with the reason.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp } from '../../gateway/test/sso/support/test-idp';
import { launchBrowser, newContext } from './support/browser';
import { freePort, startTestGateway, type TestGateway } from './support/test-gateway';
import { SCREENSHOT_DIR } from './support/screenshots';
import { see } from './support/wait-for';

const OWNER = { email: 'owner@example.com', password: 'correct-horse-battery-staple' };

let idp: TestIdp;
let gateway: TestGateway;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  idp = await startTestIdp(`${publicUrl}/admin/api/v1/auth/sso/callback`);
  idp.accounts.set('ada', { email: 'ada@acme.test', email_verified: true, name: 'Ada', groups: ['gateway-admins', 'everyone'] });
  idp.accounts.set('olly', { email: 'olly@acme.test', email_verified: true, name: 'Olly', groups: ['everyone'] });
  gateway = await startTestGateway(
    OWNER,
    {
      GATEWAY_PUBLIC_URL: publicUrl,
      SSO_ISSUER_URL: idp.issuer,
      SSO_CLIENT_ID: idp.clientId,
      SSO_CLIENT_SECRET: idp.clientSecret,
      SSO_NAME: 'Test IdP',
      SSO_SCOPES: 'openid email profile groups',
      SSO_ROLE_MAPPINGS: 'gateway-admins=admin',
    },
    port,
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await idp?.close();
});

/** Sign-in page → "Sign in with Test IdP" → the IdP's login (and consent) → back to the console. */
async function signInAtIdp(page: Page, login: string) {
  await page.goto(`${gateway.url}/admin/`);
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  // A first sign-in shows the IdP's consent page (no login field) before it redirects back.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (new URL(page.url()).origin !== idp.issuer) return;
    const onConsent = (await page.locator('input[name=login]').count()) === 0 && (await page.locator('button[type=submit]').count()) > 0;
    if (onConsent) return page.locator('button[type=submit]').click();
    await page.waitForTimeout(100);
  }
  throw new Error(`still at the IdP after signing in: ${page.url()}`);
}

describe('signing in with SSO', () => {
  it('lands a mapped user on the overview, created just in time with the mapped role', async () => {
    const watched = await newContext(browser);
    const page = await watched.newPage();
    await page.goto(`${gateway.url}/admin/sign-in`);
    await see.visible(page.getByRole('link', { name: 'Sign in with Test IdP' }));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}sign-in-sso-laptop-light.png` });
    await signInAtIdp(page, 'ada');
    await page.waitForURL(/\/admin\/w\/[^/]+\/overview/, { timeout: 20_000 });
    await see.visible(page.getByRole('heading', { name: 'Overview' }));
    // The IdP's own pages ask for a web font on the internet (aborted, and logged as failed loads):
    // from here on, only the console's pages count.
    watched.problems.length = 0;
    watched.blocked.length = 0;
    await page.reload();
    await see.visible(page.getByRole('heading', { name: 'Overview' }));

    const me = await page.evaluate(async () => (await fetch('/admin/api/v1/auth/me')).json());
    expect(me.email).toBe('ada@acme.test');
    expect(me.workspaces.map((w: { role: string }) => w.role)).toEqual(['admin']);
    // An admin manages keys but not SSO: the console shows exactly that.
    const nav = page.getByRole('navigation', { name: 'Console' });
    await see.contains(nav, 'API keys');
    await see.lacks(nav, 'SSO');
    await page.getByRole('link', { name: 'Members' }).click();
    await see.contains(page.getByRole('table', { name: 'Members' }), 'ada@acme.test');
    expect(watched.problems).toEqual([]);
    expect(watched.blocked).toEqual([]);
    await watched.context.close();
  });

  it('sends someone no rule maps back to sign-in with the reason, and no session', async () => {
    const watched = await newContext(browser);
    const page = await watched.newPage();
    await signInAtIdp(page, 'olly');
    await page.waitForURL(/\/admin\/sign-in\?error=no_access/, { timeout: 20_000 });
    await see.contains(page.getByRole('alert'), 'You have no access to this console yet');
    await page.screenshot({ path: `${SCREENSHOT_DIR}sign-in-sso-refused-laptop-light.png` });
    const me = await page.evaluate(async () => (await fetch('/admin/api/v1/auth/me')).status);
    expect(me).toBe(401);
    await watched.context.close();
  });
});
