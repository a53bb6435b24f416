import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Every page a journey reaches is scanned; any axe violation fails the test. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** The neutral site Exit this page goes to, answered locally so no test leaves this machine. */
export async function stubExitSite(
  page: Page,
  exitUrl = 'https://www.bbc.co.uk/weather'
): Promise<void> {
  await page.route(`${new URL(exitUrl).origin}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>Weather</title><h1>Weather</h1>'
    })
  );
}

/** Fails if the page is wider than its viewport (horizontal scrolling). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth
  );
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

/**
 * Runs axe on a page as a browser without JavaScript renders it. axe itself needs JavaScript, so
 * the server's HTML is loaded with its scripts removed and its <noscript> content shown, exactly
 * what a browser with JavaScript turned off displays.
 */
export async function expectAccessibleWithoutJavaScript(page: Page, url: string): Promise<void> {
  await page.route(
    (u) => u.pathname === new URL(url, 'http://x').pathname,
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text())
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<link rel="modulepreload"[^>]*>/g, '')
        .replace(/<\/?noscript>/g, '');
      await route.fulfill({ response, body: html });
    }
  );
  await page.goto(url);
  await expectAccessible(page);
  await page.unrouteAll();
}
