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
