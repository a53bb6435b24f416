import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, stubExitSite } from './support';

test('the start page is served with the security headers and no cookie', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['set-cookie']).toBeUndefined();
  expect(await page.context().cookies()).toEqual([]);
  await expect(page.getByRole('heading', { level: 1, name: 'Raise a concern' })).toBeVisible();
  await expectAccessible(page);
});

test('no request leaves this origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== new URL(baseURL!).origin)
      foreign.push(request.url());
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(foreign).toEqual([]);
});

test('no page breaks its own Content Security Policy', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy'))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of [
    '/',
    '/o/riverside',
    '/o/riverside/report',
    '/o/riverside/case',
    '/staff/sign-in',
    '/staff/recover'
  ]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  // A client-side navigation renders the route announcer too.
  await page.goto('/');
  await page.getByRole('link', { name: 'Riverside Child Contact Centre' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Riverside Child Contact Centre' })
  ).toBeVisible();
  expect(violations).toEqual([]);
});

test('pages where secrets are typed serve no form until their JavaScript runs', async ({
  request
}) => {
  // Submitted natively, such a form would put a case key or password into the URL.
  for (const path of [
    '/o/riverside/report',
    '/o/riverside/case',
    '/staff/sign-in',
    '/staff/recover',
    '/staff/invite',
    '/setup'
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const html = await response.text();
    expect(html, path).not.toMatch(/<form[\s>]/);
    expect(html, path).not.toMatch(/<input[^>]+type="password"/);
  }
});

test('healthz says the database is reachable', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
});

test('Exit this page by its button leaves nothing of Candour on screen', async ({ page }) => {
  await stubExitSite(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Exit this page' }).click();
  await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  await expect(page.getByRole('heading', { name: 'Weather' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Candour');
});

test('Exit this page by pressing Shift three times', async ({ page }) => {
  await stubExitSite(page);
  await page.goto('/');
  await page.locator('body').waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="exit-this-page"]') !== null
  );
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  await page.goBack().catch(() => {});
  // location.replace leaves no Candour entry to go back to.
  expect(page.url()).not.toContain('127.0.0.1');
});

test('the layout works at 320 px wide with a skip link', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await expectNoHorizontalScroll(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expectAccessible(page);
});

test('a wrong configuration value stops the server with a clear message', async () => {
  const child = spawn(process.execPath, ['build'], {
    env: { ...process.env, PORT: 'not-a-port', DATA_DIR: 'memory://' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toContain('Candour cannot start');
  expect(stderr).toContain('PORT: must be a whole number');
});
