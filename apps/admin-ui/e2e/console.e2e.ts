/**
 * The console end to end, as a platform engineer uses it, against the real gateway and Postgres:
 * password sign-in (wrong password first), a virtual key for the mock provider, a config that
 * uses it (a validation error shown at its path while typing, fixed, saved), a second version and
 * a restore of version 1 through the diff, an API key copied and used by the OpenAI SDK, and that
 * request in the logs (table, detail drawer, deep link after reload) and on the overview. Then a
 * screenshot of every main page, light and dark, laptop and phone.
 */
import { startMockProvider, type MockProvider } from '@aigw/mock-provider';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, type WatchedContext } from './support/browser';
import { see } from './support/wait-for';
import { SCREENSHOT_DIR, screenshotAll } from './support/screenshots';
import { startTestGateway, type TestGateway } from './support/test-gateway';

const OWNER = { email: 'owner@example.com', password: 'correct-horse-battery-staple' };
const VIEWER = { email: 'viewer@example.com', password: 'viewer-password-1234' };
const PROVIDER_SECRET = 'sk-mock-provider-secret-4242';
/** The repository's example provider plug-in: the picker must offer it like a built-in provider. */
const PROVIDER_PLUGINS = fileURLToPath(new URL('../../../plugins/providers', import.meta.url));

let mock: MockProvider;
let gateway: TestGateway;
let browser: Browser;
let watched: WatchedContext;
let page: Page;
let workspaceId: string;
let slug: string;
let configId: string;
let apiKey: string;
let logId: string;

const url = (path: string) => `${gateway.url}/admin${path}`;

/** Replaces the editor's text the way a person would: select all, then type. */
async function typeInEditor(text: string) {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startTestGateway(OWNER, { GATEWAY_PROVIDER_PLUGINS: PROVIDER_PLUGINS });
  browser = await launchBrowser();
  watched = await newContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  page = await watched.newPage();
  page.setDefaultTimeout(15_000);
});

// A failing step leaves a picture of what the browser showed, next to the screenshots.
beforeEach((context) => {
  context.onTestFailed(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page?.screenshot({ path: `${SCREENSHOT_DIR}FAILED-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
  });
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await mock?.close();
});

describe('the admin console', () => {
  it('sends a visitor to sign-in, refuses a wrong password in words, and signs in', async () => {
    await page.goto(url('/'));
    await page.waitForURL(/\/admin\/sign-in\?next=/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see.text(page.getByRole('alert'), 'Wrong email or password.');

    await page.getByRole('textbox', { name: 'Password' }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/w\/[^/]+\/overview/);
    workspaceId = new URL(page.url()).pathname.split('/')[3]!;
    await see.visible(page.getByTestId('first-request-steps'));
  });

  it('creates a virtual key for the mock provider and shows only its masked secret', async () => {
    await page.getByRole('link', { name: 'Virtual keys' }).first().click();
    await page.getByRole('button', { name: 'New virtual key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New virtual key' });
    await dialog.getByLabel('Name').fill('Mock OpenAI');
    // The picker lists what the gateway routes to, its plug-in included (GET /admin/api/v1/providers).
    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await see.visible(page.getByRole('option', { name: 'ACME in-house LLM (example plug-in) (acme-llm)' }));
    await see.visible(page.getByRole('option', { name: 'OpenAI (openai)', exact: true }));
    await dialog.getByLabel('Name').click(); // closes the list, OpenAI still chosen
    // Submitting without the API key shows the server's rule at the field, before any request.
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await see.visible(dialog.getByText('is required for this provider (openai)'));
    await dialog.getByRole('textbox', { name: 'API key' }).fill(PROVIDER_SECRET);
    await dialog.getByLabel('Custom host').fill(`${mock.url}/v1`);
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await see.hidden(dialog);

    const row = page.locator('[data-testid^="virtual-key-mock-openai"]');
    await see.visible(row);
    slug = (await row.getAttribute('data-testid'))!.replace('virtual-key-', '');
    await see.lacks(row.getByLabel('Masked secret'), PROVIDER_SECRET);
    expect(await page.content()).not.toContain(PROVIDER_SECRET);
  });

  it('creates a config, underlining a mistake at its JSON path while typing, then saves it', async () => {
    await page.goto(url(`/w/${workspaceId}/configs/new`));
    await page.getByLabel('Name').fill('e2e-chat');
    await typeInEditor(`{\n  "strategy": { "mode": "fallbak" },\n  "targets": [{ "virtual_key": "${slug}" }]\n}`);
    const problems = page.getByTestId('config-problems');
    await see.contains(problems, 'strategy.mode');
    // CodeMirror's lint underline sits on the faulty value itself.
    await see.text(page.locator('.cm-lintRange-error').first(), '"fallbak"');
    await see.disabled(page.getByRole('button', { name: 'Save config' }));

    // Fix it by typing the missing letter where it belongs: "fallba|k" → "fallback".
    await page.locator('.cm-line', { hasText: 'fallbak' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'k" },'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('c');
    await see.visible(page.getByTestId('config-valid'));
    await page.getByRole('button', { name: 'Save config' }).click();
    await page.waitForURL(/\/configs\/pc-/);
    configId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await see.text(page.getByTestId('config-id'), configId);
  });

  it('dry-runs a request through the saved config in the playground and shows the route', async () => {
    await page.getByRole('link', { name: 'Try in playground' }).click();
    await page.waitForURL(/\/playground\?config=/);
    await page.getByRole('button', { name: 'Dry run' }).click();
    const result = page.getByTestId('dry-run-result');
    await see.contains(result, 'First call: config.targets[0]');
    await see.contains(result, slug);
    await see.contains(result, `From ${configId} version 1`);
    await page.goBack();
    await page.waitForURL(/\/configs\/pc-/);
  });

  it('saves a second version, then restores version 1 after showing the diff', async () => {
    await typeInEditor(JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: slug, retry: { attempts: 2 } }] }, null, 2));
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await see.contains(page.getByTestId('version-2'), 'current');

    await page.getByRole('button', { name: 'Compare version 1 and restore' }).click();
    const diff = page.getByTestId('config-diff');
    await see.contains(diff, '"attempts": 2');
    await see.visible(diff.locator('[data-kind="removed"]').first());
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await see.contains(page.getByTestId('version-3'), 'current');
    await see.contains(page.getByTestId('version-3'), 'restored from v1');
    await see.lacks(page.locator('.cm-content'), 'attempts');
  });

  it('creates an API key, copies it, and the OpenAI SDK calls the gateway with it and the config id', async () => {
    await page.goto(url(`/w/${workspaceId}/api-keys`));
    await page.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByLabel('Name').fill('e2e app');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    apiKey = (await page.getByTestId('new-api-key').textContent())!.trim();
    await page.getByRole('button', { name: 'Copy key' }).click();
    await see.visible(page.getByRole('button', { name: 'Copied' }));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await see.contains(page.getByRole('table', { name: 'API keys' }), 'e2e app');

    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey, defaultHeaders: { 'x-portkey-config': configId }, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello from the console test' }] });
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(mock.requests().at(-1)?.headers.authorization).toBe(`Bearer ${PROVIDER_SECRET}`);
  });

  it('shows the request in the logs table and its detail, also after a reload of the deep link', async () => {
    await page.goto(url(`/w/${workspaceId}/logs?live=1`));
    const row = page.getByTestId('log-row').first();
    await see.visible(row);
    await see.contains(row, configId);
    await row.click();
    logId = new URL(page.url()).searchParams.get('log')!;
    const drawer = page.getByRole('dialog', { name: 'Request' });
    await see.contains(drawer, `${configId} (version 3)`);
    await see.contains(drawer, slug);
    await see.contains(drawer, 'Gateway overhead');

    await page.reload();
    await see.contains(page.getByRole('dialog', { name: 'Request' }), `${configId} (version 3)`);
    expect(new URL(page.url()).searchParams.get('live')).toBe('1');
  });

  it('counts the request on the overview', async () => {
    await page.goto(url(`/w/${workspaceId}/overview?range=24h`));
    await see.text(page.getByTestId('kpi-requests'), '1');
    await see.visible(page.getByTestId('chart-requests').locator('.recharts-bar-rectangle path').first());
    await see.contains(page.getByText('Top configs').locator('..'), configId);
  });

  it('sends a request for real from the playground and shows the target, overhead and answer', async () => {
    await page.goto(url(`/w/${workspaceId}/playground?config=${configId}`));
    await page.getByLabel('Gateway API key').fill(apiKey);
    await page.getByRole('button', { name: 'Send request' }).click();
    const result = page.getByTestId('send-result');
    await see.contains(result, '200');
    await see.contains(result, 'config.targets[0]');
    await see.contains(result, 'chat.completion');
    expect(mock.requests().at(-1)?.headers.authorization).toBe(`Bearer ${PROVIDER_SECRET}`);
  });

  it('adds a viewer who then sees no create actions, and whose direct API calls are refused', async () => {
    await page.goto(url(`/w/${workspaceId}/members`));
    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add member' });
    await dialog.getByLabel('Email').fill(VIEWER.email);
    await dialog.getByLabel('Role').click();
    await page.getByRole('option', { name: /^Viewer/ }).click();
    await dialog.getByRole('textbox', { name: 'Initial password' }).fill(VIEWER.password);
    await dialog.getByRole('button', { name: 'Add member' }).click();
    await see.contains(page.getByRole('table', { name: 'Members' }), VIEWER.email);

    const viewer = await newContext(browser);
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(url('/sign-in'));
    await viewerPage.getByLabel('Email').fill(VIEWER.email);
    await viewerPage.getByRole('textbox', { name: 'Password' }).fill(VIEWER.password);
    await viewerPage.getByRole('button', { name: 'Sign in' }).click();
    await viewerPage.waitForURL(/\/overview/);
    const nav = viewerPage.getByRole('navigation', { name: 'Console' });
    await see.contains(nav, 'Virtual keys');
    await see.lacks(nav, 'API keys');
    await see.lacks(nav, 'Audit log');
    await viewerPage.goto(url(`/w/${workspaceId}/virtual-keys`));
    await see.visible(viewerPage.getByRole('table', { name: 'Virtual keys' }));
    expect(await viewerPage.getByRole('button', { name: 'New virtual key' }).count()).toBe(0);
    await viewerPage.goto(url(`/w/${workspaceId}/configs`));
    await see.visible(viewerPage.getByRole('table', { name: 'Configs' }));
    expect(await viewerPage.getByRole('button', { name: 'New config' }).count()).toBe(0);
    // The server is the guard: the same call, made with the viewer's cookie and CSRF token, is refused.
    const status = await viewerPage.evaluate(async (ws) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('aigw_csrf='))?.split('=')[1] ?? '';
      const response = await fetch(`/admin/api/v1/workspaces/${ws}/virtual-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({ name: 'sneaky', provider: 'openai', secret: { apiKey: 'sk-x' } }),
      });
      return response.status;
    }, workspaceId);
    expect(status).toBe(403);
    // Only the deliberate call above failed: the pages themselves ask for nothing a viewer may not read.
    expect(viewer.problems).toEqual([expect.stringMatching(/status of 403/)]);
    await viewer.context.close();
  });

  it('rendered every page without console errors and never left 127.0.0.1', () => {
    expect(watched.problems).toEqual([]);
    expect(watched.blocked).toEqual([]);
  });

  it('saves screenshots of every main page (light and dark, laptop and phone)', async () => {
    const state = await watched.context.storageState();
    const table = (name: string) => (p: Page) => p.getByRole('table', { name }).waitFor();
    const problems = await screenshotAll(browser, gateway.url, state, [
      { name: 'overview', path: `/w/${workspaceId}/overview`, ready: (p) => p.getByTestId('chart-requests').waitFor() },
      { name: 'logs', path: `/w/${workspaceId}/logs`, ready: (p) => p.getByTestId('log-row').first().waitFor() },
      { name: 'log-detail', path: `/w/${workspaceId}/logs?log=${logId}`, ready: (p) => p.getByText('Gateway overhead').waitFor() },
      { name: 'configs', path: `/w/${workspaceId}/configs`, ready: table('Configs') },
      { name: 'config-editor', path: `/w/${workspaceId}/configs/${configId}`, ready: (p) => p.locator('.cm-content').waitFor() },
      {
        name: 'playground',
        path: `/w/${workspaceId}/playground?config=${configId}`,
        ready: async (p) => {
          await p.getByRole('button', { name: 'Dry run' }).click();
          await p.getByTestId('dry-run-result').waitFor();
        },
      },
      { name: 'virtual-keys', path: `/w/${workspaceId}/virtual-keys`, ready: table('Virtual keys') },
      { name: 'api-keys', path: `/w/${workspaceId}/api-keys`, ready: table('API keys') },
      { name: 'members', path: `/w/${workspaceId}/members`, ready: table('Members') },
      { name: 'sso', path: `/w/${workspaceId}/settings/sso`, ready: (p) => p.getByText('Redirect URI to register').waitFor() },
      { name: 'settings', path: `/w/${workspaceId}/settings`, ready: (p) => p.getByText('New workspace').waitFor() },
      { name: 'audit-log', path: `/w/${workspaceId}/audit`, ready: table('Audit log') },
    ]);
    const signIn = await newContext(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const signInPage = await signIn.newPage();
    await signInPage.goto(url('/sign-in'));
    await signInPage.getByLabel('Email').waitFor();
    await signInPage.screenshot({ path: `${SCREENSHOT_DIR}sign-in-phone-dark.png` });
    await signIn.context.close();
    expect(problems).toEqual([]);
  });
});
