// Helpers for the hostile-server tests of a case's integrity: file a case through the real
// reporter pages, sign staff in, and change the database behind the server's back as a
// compromised host would.
import { readFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';
import postgres from 'postgres';
import { serverLog } from '../../playwright.config';
import { suiteDatabase } from '../support/dump';

export const SLUG = 'riverside';
export const CHAIR = 'chair@riverside.example';
export const COLLEAGUE = 'david.chen@riverside.example';

/** SQL on the suite server's live PostgreSQL database: the attacker's access. */
export async function asHost<T>(use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const { databaseUrl } = suiteDatabase(serverLog);
  if (!databaseUrl) {
    throw new Error(
      'The hostile-server tests change rows behind the running server: set TEST_DATABASE_URL ' +
        '(PostgreSQL) so the suite server runs on a database they can reach.'
    );
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}

/** The demo's passwords, printed once to the server's log when it seeded. */
function demoPassword(email: string): string {
  const log = readFileSync(serverLog, 'utf8');
  const line = log.split('\n').find((l) => l.includes(` ${email} `));
  const password = line
    ?.trim()
    .split(/\s+/)
    .find((w) => w.startsWith('demo-'));
  if (!password) throw new Error(`no demo password for ${email} in ${serverLog}`);
  return password;
}

/** A signed-in staff member in a tab of their own. */
export async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Opens the case through the inbox (client-side, so the keys stay in the tab's memory). */
export async function openStaffCase(page: Page, caseId: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  const row = page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('link').click();
  await expect(page.getByTestId('audit-status')).toBeVisible({ timeout: 30_000 });
}

/** A whistleblowing report naming the coordinator, so it goes to the chair. */
export async function fileReport(
  page: Page,
  what: string
): Promise<{ caseId: string; caseKey: string }> {
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/whistleblowing/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/code of conduct/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What happened?').fill(what);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('When').fill('last Saturday');
  await page.getByLabel('Where').fill('the hall');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox', { name: /Priya Shah/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Does anyone else know about this?').fill('nobody');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What would you like to happen?').fill('an answer');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis');
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const caseId = ((await (await response).json()) as { caseId: string }).caseId;
  const caseKey = (await page.getByTestId('case-key').textContent())!.trim();
  return { caseId, caseKey };
}

/** The reporter comes back with their case key. */
export async function openReporterCase(page: Page, caseKey: string): Promise<void> {
  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(caseKey);
  await page.getByRole('button', { name: 'Open my case' }).click();
}

/** The staff member writes a message to the reporter and waits until it shows. */
export async function reply(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message to the reporter', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send to the reporter' }).click();
  await expect(page.getByTestId('conversation')).toContainText(text);
}
