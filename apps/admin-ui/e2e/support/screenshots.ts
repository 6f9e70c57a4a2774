/**
 * Screenshots of every main page at laptop (1280) and phone (390) width, light and dark, under
 * apps/admin-ui/test-results/screenshots/ (gitignored; CI keeps them as artifacts). Each
 * combination gets its own browser context with the signed-in session.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { newContext } from './browser';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export interface Shot {
  name: string;
  path: string;
  /** Waits until the page shows its content (not a skeleton). */
  ready: (page: Page) => Promise<unknown>;
}

const VARIANTS = [
  { label: 'laptop', viewport: { width: 1280, height: 800 } },
  { label: 'phone', viewport: { width: 390, height: 844 } },
] as const;

export async function screenshotAll(browser: Browser, baseUrl: string, storageState: BrowserContextOptions['storageState'], shots: Shot[]): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    for (const variant of VARIANTS) {
      const watched = await newContext(browser, { viewport: variant.viewport, colorScheme: scheme, storageState, isMobile: variant.label === 'phone', hasTouch: variant.label === 'phone' });
      const page = await watched.newPage();
      for (const shot of shots) {
        await page.goto(`${baseUrl}/admin${shot.path}`);
        await shot.ready(page);
        // Back to the top: a fixed header would otherwise be drawn mid-page in a full-page shot.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(150); // let charts and transitions settle
        await page.screenshot({ path: `${SCREENSHOT_DIR}${shot.name}-${variant.label}-${scheme}.png`, fullPage: true });
      }
      problems.push(...watched.problems.map((p) => `${variant.label}/${scheme}: ${p}`));
      await watched.context.close();
    }
  }
  return problems;
}
