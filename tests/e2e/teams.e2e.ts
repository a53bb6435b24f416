import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { serverLog } from '../../playwright.config';
import { dumpTables, suiteDatabase, withDatabase } from '../support/dump';
import { demoPassword, expectAccessible } from './support';

// Bridgeway Mentoring (Mentoring Plus policy, two teams): a concern about a practitioner in the
// Schools project reaches the 6.3 recipients and that team's senior practitioner, never the
// practitioner named. The steps share the case they file.
test.describe.configure({ mode: 'serial' });

const SLUG = 'bridgeway';
const run = Date.now().toString(36);
let caseId = '';
const what = `messages a mentee late at night teams-canary-${run}`;

const READERS = {
  'head.of.practice@bridgeway.example': 'Kavita Desai',
  'deputy.safeguarding@bridgeway.example': 'Hugo Bennett',
  'lucy.hammond@bridgeway.example': 'Lucy Hammond',
  'chair@bridgeway.example': 'Fiona Walsh',
  'george.lamb@bridgeway.example': 'George Lamb',
  'lado@bridgeway-council.example': 'Paul Okonjo'
};
const NAMED = 'ellie.turner@bridgeway.example';
const OTHER_TEAM = 'daniel.osei@bridgeway.example';

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  return page;
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a reporter chooses a team, names a practitioner and sees who will read it', async ({
  page
}) => {
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/safety of a child/).check();
  await next(page);
  await page.getByLabel(/risk to a child/).check();
  await next(page);
  await page.getByLabel('What happened?').fill(what);
  await next(page);
  await next(page);
  await expect(
    page.getByRole('heading', { name: 'Which team or project is this about?' })
  ).toBeVisible();
  await expect(page.getByLabel('Not sure')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Schools project').check();
  await next(page);
  await page.getByRole('checkbox', { name: /Ellie Turner/ }).check();
  await next(page);
  await page.getByLabel('Yes', { exact: true }).check();
  await next(page);
  await next(page);
  await next(page);
  await next(page);
  await expect(page.getByRole('heading', { name: 'Who will read your report' })).toBeVisible();
  const willRead = page.getByTestId('will-read');
  for (const name of Object.values(READERS)) await expect(willRead).toContainText(name);
  await expect(willRead).not.toContainText('Ellie Turner');
  await expect(willRead).not.toContainText('Daniel Osei');
  await expect(willRead.locator('li', { hasText: 'Fiona Walsh' })).toContainText(
    'Told because of who is involved'
  );
  await expect(
    page.getByTestId('will-not-read').locator('li', { hasText: 'Ellie Turner' })
  ).toContainText('You named this person');
  await expectAccessible(page);
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  caseId = ((await (await response).json()) as { caseId: string }).caseId;
  await expect(page.getByTestId('case-key')).toBeVisible();
  // Appendix 1(7)a is where the 7 days come from, and the reporter is told so.
  await expect(page.getByTestId('deadline-source')).toContainText('Appendix 1(7)a');
});

test('each recipient opens it; the named practitioner and the other team get 404', async ({
  browser
}) => {
  for (const [email, name] of Object.entries(READERS)) {
    const page = await signIn(browser, email);
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await expect(row, name).toBeVisible({ timeout: 30_000 });
    await row.getByRole('link').click();
    await expect(page.getByTestId('report')).toContainText(what, { timeout: 30_000 });
    await expect(page.getByTestId('involved')).toContainText('Ellie Turner');
    await page.context().close();
  }
  for (const email of [NAMED, OTHER_TEAM]) {
    const page = await signIn(browser, email);
    expect(await (await page.request.get('/staff/api/cases')).text()).not.toContain(caseId);
    expect((await page.request.get(`/staff/api/cases/${caseId}`)).status()).toBe(404);
    expect((await page.request.get(`/staff/cases/${caseId}`)).status()).toBe(404);
    await page.context().close();
  }
});

test('a whistleblowing concern about a risk to a child is offered the safeguarding route', async ({
  page
}) => {
  await page.goto('/o/riverside/report');
  await page.getByLabel(/whistleblowing/).check();
  await next(page);
  await page.getByLabel(/risk to a child/).check();
  const offer = page.getByTestId('child-risk-offer');
  await expect(offer).toContainText('This may be a safeguarding concern');
  await expectAccessible(page);
  await offer.getByRole('button', { name: /safeguarding concern instead/ }).click();
  await expect(page.getByRole('status')).toContainText('now reporting a safeguarding concern');
  await expect(offer).toHaveCount(0);
});

test('canary: the report never reached the database or the log; only the readers hold keys', async () => {
  const { dump, holders } = await withDatabase(suiteDatabase(serverLog), async (query) => {
    const out = await dumpTables(query);
    const holders = await query(
      `select p.email from case_keys k join people p on p.id = k.person_id
       where k.case_id = '${caseId}' order by p.email`
    );
    return { dump: out, holders: holders.map((h) => String(h.email)) };
  });
  expect(dump).toContain(caseId);
  expect(dump.includes(what)).toBe(false);
  expect(readFileSync(serverLog, 'utf8').includes(what)).toBe(false);
  expect(holders.sort()).toEqual(Object.keys(READERS).sort());
});
