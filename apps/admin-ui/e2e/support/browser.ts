/**
 * Debian's Chromium through playwright-core (never a downloaded browser). Every request to a host
 * other than 127.0.0.1 is aborted, and every console error or uncaught exception is collected so
 * the test can fail on it.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedContext {
  context: BrowserContext;
  /** Console errors and page errors seen so far, in words. */
  problems: string[];
  /** Requests that tried to leave the machine (aborted). */
  blocked: string[];
  newPage(): Promise<Page>;
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const problems: string[] = [];
  const blocked: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  const newPage = async () => {
    const page = await context.newPage();
    page.on('console', (message) => {
      // A 401 before sign-in is expected (the session check); the browser logs the failed fetch.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    return page;
  };
  return { context, problems, blocked, newPage };
}
