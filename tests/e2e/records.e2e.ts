import { expect, test, type Page } from '@playwright/test';
import type { BoxPublicKey } from '../../src/lib/crypto';
import { baseURL, serverLog } from '../../playwright.config';
import { suiteDatabase, withDatabase } from '../support/dump';
import { prepareCase, reporterKeys, submit, type Recipient } from '../support/reporter-client';
import { expectAccessible, signIn } from './support';

// Records journeys (docs/RECORDS.md): proof of filing, linked cases, statistics, review.
test.describe.configure({ mode: 'serial' });

const SLUG = 'riverside';
const run = Date.now().toString(36);

async function next(page: Page) {
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Files a compliment through the form (the shortest journey); returns the answer and the key. */
async function fileCompliment(page: Page, text: string) {
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/compliment/).check();
  await next(page);
  await page.getByLabel('What happened?').fill(text);
  await next(page);
  await next(page);
  await next(page);
  await expect(page.getByRole('heading', { name: 'Who will read your report' })).toBeVisible();
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const filed = await response;
  expect(filed.status()).toBe(201);
  const body = (await filed.json()) as { caseId: string; receivedOn: string };
  await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible();
  const key = (await page.getByTestId('case-key').textContent())!.trim();
  return { ...body, key };
}

async function openCase(page: Page, key: string) {
  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(key);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('heading', { name: 'Your case' })).toBeVisible({ timeout: 30_000 });
}

test('proof of filing: checked, kept with the case, opened again with the case key', async ({
  page
}) => {
  const stored = page.waitForResponse((r) => r.url().endsWith('/api/case/receipt'));
  const filed = await fileCompliment(page, `receipt journey ${run}`);
  expect((await stored).status()).toBe(200);
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-verified')).toBeVisible();
  await expect(receipt.getByTestId('receipt-case')).toHaveText(filed.caseId);
  await expect(receipt.getByTestId('receipt-day')).toHaveText(filed.receivedOn);
  await expect(receipt).toContainText('only your case key opens it');
  await expectAccessible(page);
  // The published key is a page anyone can fetch.
  const published = await page.request.get('/.well-known/candour-receipts');
  expect(published.status()).toBe(200);
  expect(((await published.json()) as { keys: unknown[] }).keys).toHaveLength(1);

  await openCase(page, filed.key);
  await page.getByTestId('receipt-details').locator('summary').click();
  await expect(page.getByTestId('receipt-verified')).toBeVisible();
  await expect(page.getByTestId('receipt-case')).toHaveText(filed.caseId);
  await expectAccessible(page);
});

test('a tampered receipt fails the reporter’s check and is not kept', async ({ page }) => {
  await page.route(`**/o/${SLUG}/api/cases`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { receipt: { day: string } };
    body.receipt.day = '2020-01-01';
    await route.fulfill({ response, json: body });
  });
  let kept = false;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/case/receipt')) kept = true;
  });
  const filed = await fileCompliment(page, `tampered receipt ${run}`);
  await expect(page.getByTestId('receipt-invalid')).toBeVisible();
  await expect(page.getByTestId('receipt-verified')).toHaveCount(0);
  expect(kept).toBe(false);
  await page.unrouteAll();
  await openCase(page, filed.key);
  await page.getByTestId('receipt-details').locator('summary').click();
  await expect(page.getByTestId('receipt-missing')).toBeVisible();
});

interface Person extends Recipient {
  email: string;
  organisationId: string;
  name: string;
}

/** Demo people by email, with the box keys a reporter's browser would seal to. */
async function people(...emails: string[]): Promise<Person[]> {
  const list = emails.map((e) => `'${e}'`).join(',');
  const rows = await withDatabase(suiteDatabase(serverLog), (query) =>
    query(
      `select p.id, p.email, p.organisation_id, p.display_name, c.box_public_key
       from people p join credentials c on c.person_id = p.id where p.email in (${list})`
    )
  );
  return emails.map((email) => {
    const row = rows.find((r) => r.email === email)!;
    return {
      email,
      personId: String(row.id),
      organisationId: String(row.organisation_id),
      name: String(row.display_name),
      box: new Uint8Array(row.box_public_key as Uint8Array) as BoxPublicKey
    };
  });
}

/** Files a report as a reporter's browser would, sealed to these people; returns the case id. */
async function file(recipients: Person[], fields: Record<string, unknown>): Promise<string> {
  const reporter = await reporterKeys(recipients[0]!.organisationId, false);
  const prepared = prepareCase(SLUG, reporter, recipients, `records ${run}`, fields);
  const answer = await submit(baseURL, prepared);
  expect(answer.status).toBe(201);
  return prepared.caseId;
}

async function inbox(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByTestId('inbox')).toBeVisible({ timeout: 30_000 });
}

test('repeat concerns: a holder of two cases naming Tom Baker is told; a holder of one is not', async ({
  browser
}) => {
  const [helen, ben, tom] = await people(
    'helen.price@riverside.example',
    'ben.morgan@riverside.example',
    'tom.baker@riverside.example'
  );
  const namesTom = { personId: tom!.personId, name: tom!.name };
  const first = await file([helen!, ben!], { involved: [namesTom] });
  // The second report names him only in free text, as a reporter might.
  const second = await file([helen!], { involvedOthers: 'Mr Tom Baker' });

  const both = await signIn(browser, helen!.email);
  await inbox(both);
  for (const caseId of [first, second]) {
    await expect(both.locator(`tr[data-case-id="${caseId}"]`).getByTestId('linked')).toHaveText(
      /^1 other case you can read involves (Mr )?Tom Baker$/
    );
  }
  await expectAccessible(both);

  const one = await signIn(browser, ben!.email);
  await inbox(one);
  const row = one.locator(`tr[data-case-id="${first}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('linked')).toHaveCount(0);
});
