import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { serverLog } from '../../playwright.config';

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

/** A demo person's password, printed once to the suite server's log when it seeded. */
export function demoPassword(email: string): string {
  const line = readFileSync(serverLog, 'utf8')
    .split('\n')
    .find((l) => l.includes(` ${email} `));
  const password = line
    ?.trim()
    .split(/\s+/)
    .find((w) => w.startsWith('demo-'));
  if (!password) throw new Error(`no demo password for ${email} in ${serverLog}`);
  return password;
}

/** A demo staff member signed in, in a browser profile of their own (nothing pinned yet). */
export async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Opens a case through the inbox (client-side, so the keys stay in the tab's memory). */
export async function openFromInbox(page: Page, caseId: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  const row = page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('link').click();
  await expect(page.getByTestId('audit-status')).toBeVisible({ timeout: 30_000 });
}
