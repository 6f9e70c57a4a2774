/**
 * Limits in the console, against the real gateway, Postgres and Redis: a workspace budget set
 * through the admin API, traffic through the gateway, then the Limits page shows the usage the
 * gateway counted (requests of the last minute, cost today) as bars against each limit; an admin
 * sets a limit on a gateway API key through the form and the new scope appears with its usage.
 * Screenshots of the page, light and dark, laptop and phone.
 */
import { startMockProvider, type MockProvider } from '@aigw/mock-provider';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, type WatchedContext } from './support/browser';
import { SCREENSHOT_DIR, screenshotAll } from './support/screenshots';
import { startTestGateway, type TestGateway } from './support/test-gateway';
import { see } from './support/wait-for';

const OWNER = { email: 'limits-owner@example.com', password: 'correct-horse-battery-limits' };

let mock: MockProvider;
let gateway: TestGateway;
let browser: Browser;
let watched: WatchedContext;
let page: Page;
let token: string;
let workspaceId: string;
let apiKey: string;

async function adminApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${gateway.url}/admin/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startTestGateway(OWNER, { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const login = await fetch(`${gateway.url}/admin/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  token = ((await login.json()) as { token: string }).token;
  workspaceId = (await adminApi<{ id: string }[]>('GET', '/workspaces'))[0]!.id;
  apiKey = (await adminApi<{ key: string }>('POST', `/workspaces/${workspaceId}/api-keys`, { name: 'checkout-service' })).key;
  browser = await launchBrowser();
  watched = await newContext(browser);
  page = await watched.newPage();
  page.setDefaultTimeout(15_000);
});

beforeEach((context) => {
  context.onTestFailed(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page?.screenshot({ path: `${SCREENSHOT_DIR}FAILED-limits-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
  });
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await mock?.close();
});

describe('limits in the console', () => {
  it('shows the usage the gateway counted against each workspace limit', async () => {
    await adminApi('PUT', `/workspaces/${workspaceId}/limits`, { scope: 'workspace', requestsPerMinute: 10, costPerDayUsd: 1, alertThreshold: 0.5 });
    await new Promise((r) => setTimeout(r, 1_500)); // the invalidation reaches the proxy's limits cache
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portkey-api-key': apiKey, 'x-portkey-provider': 'openai', authorization: 'Bearer sk-mock', 'x-portkey-custom-host': `${mock.url}/v1` },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello limits' }] }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit-requests')).toBe('10');
      await response.text();
    }

    await page.goto(`${gateway.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/w\/[^/]+\/overview/);
    await page.getByRole('link', { name: 'Limits' }).first().click();
    const workspace = page.getByRole('region', { name: 'Workspace' });
    await see.contains(workspace, '4 of 10');
    await see.contains(workspace, 'alert at 50%');
    await see.contains(workspace, 'Cost today (UTC)');
    await see.visible(workspace.getByRole('progressbar', { name: /Requests per minute: 4 of 10/ }));
    expect(await workspace.getByRole('progressbar', { name: /Requests per minute/ }).getAttribute('aria-valuenow')).toBe('40');
  });

  it('sets a limit on a gateway API key through the form; the key appears by name with its usage', async () => {
    await page.getByRole('button', { name: 'Set limits' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set limits' });
    await dialog.getByRole('combobox', { name: 'Applies to' }).click();
    await page.getByRole('option', { name: 'A gateway API key' }).click();
    await dialog.getByRole('combobox', { name: 'Gateway API key' }).click();
    await page.getByRole('option', { name: /^checkout-service/ }).click();
    await dialog.getByRole('textbox', { name: 'Concurrent requests' }).fill('8');
    await dialog.getByRole('textbox', { name: 'Budget per month (UTC)' }).fill('25');
    await dialog.getByRole('button', { name: 'Save limits' }).click();
    await see.hidden(dialog);
    const key = page.getByRole('region', { name: 'API key checkout-service' });
    await see.contains(key, '0 of 8');
    await see.contains(key, 'Cost this month (UTC)');
    const limits = await adminApi<{ scope: string; concurrentRequests?: number; costPerMonthUsd?: number }[]>('GET', `/workspaces/${workspaceId}/limits`);
    expect(limits.find((l) => l.scope === 'api_key')).toMatchObject({ concurrentRequests: 8, costPerMonthUsd: 25 });
    expect(watched.problems).toEqual([]);
  });

  it('saves screenshots of the limits page (light and dark, laptop and phone)', async () => {
    const state = await watched.context.storageState();
    const problems = await screenshotAll(browser, gateway.url, state, [
      { name: 'limits', path: `/w/${workspaceId}/limits`, ready: (p) => p.getByRole('region', { name: 'API key checkout-service' }).getByText(/of 8/).waitFor() },
    ]);
    expect(problems).toEqual([]);
  });
});
