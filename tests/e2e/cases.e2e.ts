import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { serverLog } from '../../playwright.config';
import { dumpTables, suiteDatabase, withDatabase } from '../support/dump';
import { demoPassword, expectAccessible } from './support';

// One case handled end to end by two recipients and the LADO; later steps use earlier ones.
test.describe.configure({ mode: 'serial' });

const SLUG = 'riverside';
const run = Date.now().toString(36);
const secrets: string[] = [];
let caseId = '';
let caseKey = '';
const text: Record<string, string> = {};

function typed(label: string): string {
  const value = `${label} cases-canary-${run}-${secrets.length}`;
  secrets.push(value);
  text[label] = value;
  return value;
}

const pages = new Map<string, Page>();

async function staff(browser: Browser, email: string): Promise<Page> {
  const existing = pages.get(email);
  if (existing) return existing;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  pages.set(email, page);
  return page;
}

/** Goes to the case through the nav (client-side: the keys stay in this tab's memory). */
async function openFromInbox(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  const row = page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('link').click();
  await expect(page.getByTestId('audit-status')).toBeVisible({ timeout: 30_000 });
}

const CHAIR = 'chair@riverside.example';
const COLLEAGUE = 'david.chen@riverside.example';
const LADO = 'lado@riverside-council.example';
const COORDINATOR = 'coordinator@riverside.example';

test('a volunteer reports the coordinator (whistleblowing)', async ({ page }) => {
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/whistleblowing/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/code of conduct/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What happened?').fill(typed('left a child alone'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('When').fill(typed('Saturday 21 November 2026 at 10:40'));
  await page.getByLabel('Where').fill(typed('the garden room'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox', { name: /Priya Shah/ }).check();
  await page.getByLabel('Anyone else involved').fill(typed('the visiting parent'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Does anyone else know about this?').fill(typed('nobody else'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What would you like to happen?').fill(typed('supervision restored'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis');
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  caseId = ((await (await response).json()) as { caseId: string }).caseId;
  caseKey = (await page.getByTestId('case-key').textContent())!.trim();
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
});

test('the chair finds it in the inbox, decrypted in the browser, with its deadline', async ({
  browser
}) => {
  const page = await staff(browser, CHAIR);
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  const row = page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row).toContainText('Whistleblowing concern', { timeout: 30_000 });
  await expect(row).toContainText('code of conduct');
  await expect(row).toContainText('Acknowledge by');
  await expectAccessible(page);
  // The inbox API sends ciphertext only.
  const api = await page.request.get('/staff/api/cases');
  const body = await api.text();
  for (const s of secrets) expect(body).not.toContain(s);
  // The named coordinator has no row and no count.
  const coordinator = await staff(browser, COORDINATOR);
  const theirs = await coordinator.request.get('/staff/api/cases');
  expect(await theirs.text()).not.toContain(caseId);
  expect((await coordinator.request.get(`/staff/api/cases/${caseId}`)).status()).toBe(404);
  expect((await coordinator.request.get(`/staff/cases/${caseId}`)).status()).toBe(404);
});

test('the chair acknowledges, replies, writes a note, and the audit verifies', async ({
  browser
}) => {
  const page = await staff(browser, CHAIR);
  await openFromInbox(page);
  await expect(page.getByTestId('audit-status')).toContainText('Audit trail verified');
  await expect(page.getByTestId('report')).toContainText(text['left a child alone']!);
  await expect(page.getByTestId('involved')).toContainText('Priya Shah');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Acknowledged');
  await page
    .getByLabel('Message to the reporter', { exact: true })
    .fill(typed('thank you, we are looking'));
  await page.getByRole('button', { name: 'Send to the reporter' }).click();
  await expect(page.getByTestId('conversation')).toContainText(text['thank you, we are looking']!);
  await page.getByLabel('Internal note', { exact: true }).fill(typed('staff-only suspicion'));
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByTestId('notes')).toContainText(text['staff-only suspicion']!);
  await expect(page.getByTestId('timeline')).toContainText('added an internal note');
  await expect(page.getByTestId('audit-status')).toContainText('Audit trail verified');
  await expectAccessible(page);
});

test('someone the report names is never offered access', async ({ browser }) => {
  const page = await staff(browser, CHAIR);
  const grantList = page.getByLabel('Colleague', { exact: true });
  await expect(grantList.locator('option', { hasText: 'David Chen' })).toHaveCount(1);
  await expect(grantList.locator('option', { hasText: 'Priya Shah' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Colleague', { exact: true }).selectOption({ label: 'David Chen' });
  await page.getByRole('button', { name: 'Give access' }).click();
  await expect(page.getByTestId('holders')).toContainText('David Chen');
  const colleague = await staff(browser, COLLEAGUE);
  await openFromInbox(colleague);
  await expect(colleague.getByTestId('notes')).toContainText(text['staff-only suspicion']!);
});

test('referred to the LADO, who then reads everything', async ({ browser }) => {
  const page = await staff(browser, CHAIR);
  await page
    .getByLabel('Refer to', { exact: true })
    .selectOption({ label: 'The LADO (local authority designated officer)' });
  await page.getByRole('button', { name: 'Refer', exact: true }).click();
  await expect(page.getByTestId('conversation')).toContainText(
    'The case was referred to Sarah Nolan'
  );
  const lado = await staff(browser, LADO);
  await openFromInbox(lado);
  await expect(lado.getByTestId('report')).toContainText(text['left a child alone']!);
  await expect(lado.getByTestId('conversation')).toContainText(text['thank you, we are looking']!);
  await expect(lado.getByTestId('notes')).toContainText(text['staff-only suspicion']!);
  await expect(lado.getByTestId('audit-status')).toContainText('Audit trail verified');
  await expectAccessible(lado);
});

test('the reporter sees the reply and the referral, never the note', async ({ page }) => {
  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(caseKey);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('heading', { name: 'Your case' })).toBeVisible({ timeout: 30_000 });
  const conversation = page.getByTestId('conversation');
  await expect(conversation).toContainText(text['thank you, we are looking']!);
  await expect(conversation).toContainText('Sarah Nolan');
  await expect(page.locator('main')).not.toContainText(text['staff-only suspicion']!);
  await expect(page.locator('main')).not.toContainText('staff-only suspicion');
  await expectAccessible(page);
});

test('revoking rotates the keys: the removed colleague reads nothing written afterwards', async ({
  browser
}) => {
  const page = await staff(browser, CHAIR);
  await page.getByRole('button', { name: 'Remove access for David Chen' }).click();
  await expect(page.getByTestId('notice')).toContainText('David Chen no longer has access');
  await expect(page.getByTestId('holders')).not.toContainText('David Chen');
  await page
    .getByLabel('Internal note', { exact: true })
    .fill(typed('written after the revocation'));
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByTestId('notes')).toContainText(text['written after the revocation']!);
  const colleague = await staff(browser, COLLEAGUE);
  expect((await colleague.request.get(`/staff/api/cases/${caseId}`)).status()).toBe(404);
  expect(await (await colleague.request.get('/staff/api/cases')).text()).not.toContain(caseId);
  await colleague.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  await expect(colleague.locator(`tr[data-case-id="${caseId}"]`)).toHaveCount(0);
  // The others still read the new entry under the new keys.
  const lado = await staff(browser, LADO);
  await openFromInbox(lado);
  await expect(lado.getByTestId('notes')).toContainText(text['written after the revocation']!);
});

test('action and outcome, and the written record made in the browser', async ({ browser }) => {
  const page = await staff(browser, CHAIR);
  await page.getByLabel('Action taken', { exact: true }).fill(typed('supervision plan reinstated'));
  await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Partly upheld' });
  await page.getByRole('button', { name: 'Record action' }).click();
  await expect(page.getByTestId('conversation')).toContainText('Outcome: Partly upheld');
  await page.getByRole('link', { name: 'Written record (printable)' }).click();
  const record = page.getByTestId('written-record');
  await expect(record).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('record-when')).toHaveText(
    text['Saturday 21 November 2026 at 10:40']!
  );
  await expect(record).toContainText(text['left a child alone']!);
  await expect(record).toContainText('Priya Shah');
  await expect(record).toContainText(text['the visiting parent']!);
  await expect(page.getByTestId('record-actions')).toContainText(
    text['supervision plan reinstated']!
  );
  await expect(page.getByTestId('record-outcome')).toHaveText('Partly upheld');
  await expect(page.getByTestId('timeline')).toContainText('report received');
  await expectAccessible(page);
  // Printed from the page the browser made; the server's HTML for it holds none of the content.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const served = await (await page.request.get(`/staff/cases/${caseId}/record`)).text();
  for (const s of secrets) expect(served).not.toContain(s);
  expect(served).not.toContain('Priya Shah');
});

test('the coordinator, as lead, sees counts only for cases she holds', async ({ browser }) => {
  const page = await staff(browser, COORDINATOR);
  await page.goto('/staff/overdue');
  await expect(page.getByRole('heading', { name: 'Overdue cases' })).toBeVisible();
  await expect(page.getByTestId('overdue-open')).toContainText('Open cases you hold');
  expect(await page.content()).not.toContain(caseId);
  await expectAccessible(page);
  const lado = await staff(browser, LADO);
  expect((await lado.request.get('/staff/overdue')).status()).toBe(404);
});

test('canary: nothing typed reached the database or the log; the revoked colleague has no new key', async () => {
  const { dump, keys } = await withDatabase(suiteDatabase(serverLog), async (query) => {
    const out = await dumpTables(query);
    const keys = await query(
      `select p.email, k.epoch, k.revoked_on from case_keys k join people p on p.id = k.person_id
       where k.case_id = '${caseId}' order by p.email, k.epoch`
    );
    return { dump: out, keys };
  });
  expect(dump).toContain(caseId);
  const log = readFileSync(serverLog, 'utf8');
  for (const value of [...secrets, caseKey, caseKey.replaceAll('-', '')]) {
    expect(dump.includes(value), `database holds ${value}`).toBe(false);
    expect(log.includes(value), `log holds ${value}`).toBe(false);
  }
  const colleague = keys.filter((k) => k.email === COLLEAGUE);
  expect(colleague.length).toBeGreaterThan(0);
  expect(colleague.every((k) => Number(k.epoch) === 0 && k.revoked_on !== null)).toBe(true);
  expect(keys.some((k) => k.email === LADO && Number(k.epoch) === 1)).toBe(true);
  expect(keys.some((k) => k.email === COORDINATOR)).toBe(false);
});
