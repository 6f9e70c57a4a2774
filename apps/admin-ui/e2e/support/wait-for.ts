/**
 * Retrying assertions on locators (playwright-core has no `expect`): each polls until it holds or
 * fails after the timeout with what the page showed instead.
 */
import type { Locator } from 'playwright-core';

async function poll(describe: () => Promise<string>, holds: (actual: string) => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      last = await describe();
      if (holds(last)) return;
    } catch (error) {
      last = `(${(error as Error).message.split('\n')[0]})`;
    }
    if (Date.now() > deadline) throw new Error(`expected ${what}, but got: ${JSON.stringify(last.slice(0, 500))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// textContent, not innerText: CSS (uppercase labels, hidden overflow) must not change what a test reads.
const text = (locator: Locator) => async () => (await locator.first().textContent({ timeout: 1_000 })) ?? '';

export const see = {
  visible: (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout }),
  hidden: (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'hidden', timeout }),
  text: (locator: Locator, expected: string, timeout = 15_000) => poll(text(locator), (t) => t.trim() === expected, `text ${JSON.stringify(expected)}`, timeout),
  contains: (locator: Locator, expected: string, timeout = 15_000) => poll(text(locator), (t) => t.includes(expected), `text containing ${JSON.stringify(expected)}`, timeout),
  lacks: (locator: Locator, unexpected: string, timeout = 15_000) => poll(text(locator), (t) => !t.includes(unexpected), `text without ${JSON.stringify(unexpected)}`, timeout),
  disabled: (locator: Locator, timeout = 15_000) => poll(async () => String(await locator.first().isDisabled()), (d) => d === 'true', 'a disabled element', timeout),
};
