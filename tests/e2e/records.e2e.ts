import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import type { BoxPublicKey } from '../../src/lib/crypto';
import { baseURL, serverLog } from '../../playwright.config';
import { readFileSync } from 'node:fs';
import { dumpDatabase, suiteDatabase, withDatabase } from '../support/dump';
import { prepareCase, reporterKeys, submit, type Recipient } from '../support/reporter-client';
import { expectAccessible, signIn } from './support';

// Records journeys (docs/RECORDS.md): proof of filing, linked cases, statistics, review.
test.describe.configure({ mode: 'serial' });

const SLUG = 'riverside';
const run = Date.now().toString(36);
/** Written into reports by these journeys: none may reach the database or the log. */
const CANARY_NAME = `Mx Canary Person ${run}`;
const CANARY_OUTCOME = `canary wanted outcome ${run}`;

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

test('the receipt endpoint answers 404 without the case key, and refuses a bad body', async ({
  request
}) => {
  const lookup = await request.post(`/o/${SLUG}/api/case/receipt`, {
    data: { lookupToken: 'A'.repeat(43), sealedReceipt: 'AAAA' },
    headers: { cookie: 'candour_session=anything', 'x-candour-day': '2026-11-26' }
  });
  expect(lookup.status()).toBe(404);
  expect(lookup.headers()['set-cookie']).toBeUndefined();
  const bad = await request.post(`/o/${SLUG}/api/case/receipt`, {
    data: { lookupToken: 'A'.repeat(43), sealedReceipt: 'A'.repeat(4000) }
  });
  expect(bad.status()).toBe(400);
});

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

/** The count as the statistics page writes it. */
const shownAs = (n: number) => (n < 5 ? 'fewer than 5' : String(n));

test('statistics: counts match a hand count, small ones show as fewer than 5, and content is counted in the browser', async ({
  browser
}) => {
  const [chair, complaints] = await people(
    'chair@riverside.example',
    'complaints@riverside.example'
  );
  for (let i = 0; i < 5; i++) {
    await file([chair!, complaints!], {
      track: 'complaint',
      category: 'service',
      involvedOthers: `${CANARY_NAME} ${i}`,
      outcome: `${CANARY_OUTCOME} ${i}`
    });
  }
  // The hand count: straight from the rows, as the server holds them.
  const byTrack = await withDatabase(suiteDatabase(serverLog), (query) =>
    query(
      `select c.track, count(*)::int as n from cases c join organisations o on o.id = c.organisation_id
       where o.slug = '${SLUG}' group by c.track`
    )
  );
  const hand = new Map(byTrack.map((r) => [String(r.track), Number(r.n)]));
  expect(hand.get('complaint')).toBeGreaterThanOrEqual(5);

  const page = await signIn(browser, chair!.email);
  await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
  await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();
  const labels: Record<string, string> = {
    whistleblowing: 'Whistleblowing concern',
    complaint: 'Complaint',
    safeguarding: 'Safeguarding concern',
    compliment: 'Compliment'
  };
  const table = page.getByTestId('stats-track');
  for (const [track, label] of Object.entries(labels)) {
    const row = table.locator('tr', { has: page.locator('th', { hasText: label }) });
    await expect(row).toHaveCount(1);
    await expect(row.locator('td')).toHaveText(shownAs(hand.get(track) ?? 0));
  }
  // Nobody has reached stage 3 here: none is shown as fewer than 5, not as 0.
  await expect(
    page.getByTestId('stats-stage').locator('tr', { hasText: 'Stage 3' }).locator('td')
  ).toHaveText('fewer than 5');
  await expect(page.getByTestId('month-chart')).toBeVisible();
  await expectAccessible(page);

  const csv = await page.request.get('/staff/records/statistics/csv');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(`track,complaint,${shownAs(hand.get('complaint')!)}`);
  expect(text).toContain('stage,3,fewer than 5');
  expect(text).not.toMatch(/,[1-4]\n/);

  await page.getByTestId('count-content').click();
  await expect(page.getByTestId('content-from')).toContainText('Counted in your browser', {
    timeout: 60_000
  });
  await expect(
    page.getByTestId('content-categories').locator('tr', { hasText: 'The service itself' })
  ).toBeVisible();

  // Someone who does not lead the organisation gets nothing.
  const other = await signIn(browser, complaints!.email);
  expect((await other.request.get('/staff/records/statistics/csv')).status()).toBe(404);
});

test('review: a holder deletes a closed case whose period has ended, and every row of it goes', async ({
  browser
}) => {
  const { databaseUrl } = suiteDatabase(serverLog);
  test.skip(!databaseUrl, 'ageing a case means writing under the server: PostgreSQL only');
  const [officer] = await people('complaints@riverside.example');
  const caseId = await file([officer!], { track: 'complaint', category: 'service' });
  // As if it had been filed and closed seven years ago.
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    await sql`update cases set status = 'closed', received_on = '2018-01-02',
              stage_started_on = '2018-01-02', closed_on = '2019-02-01' where id = ${caseId}`;
    const page = await signIn(browser, officer!.email);
    await page.getByRole('navigation').getByRole('link', { name: 'Review' }).click();
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await expect(row).toContainText('Due for review');
    await expect(row).toContainText('6 years');
    await expectAccessible(page);
    await row.getByRole('button', { name: 'Delete this case…' }).click();
    await row.getByRole('button', { name: 'Delete it for everyone' }).click();
    await expect(page.getByRole('status')).toContainText('The case was deleted');
    await expect(row).toHaveCount(0);
    const tables = await sql`select table_name from information_schema.tables
                             where table_schema = 'public' and table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const [found] = await sql.unsafe(
        `select count(*)::int as n from "${String(table_name)}" t where t::text like '%${caseId}%'`
      );
      expect(Number(found!.n), String(table_name)).toBe(0);
    }
    const [deleted] = await sql`select actor_kind, detail from audit_events
                                where action = 'case.deleted' order by seq desc limit 1`;
    expect(deleted!.actor_kind).toBe('staff');
  } finally {
    await sql.end();
  }
});

test('canary: after these journeys no category, name or outcome is in the database dump or the log', async () => {
  const database = suiteDatabase(serverLog);
  const dump = await withDatabase(database, (query) => dumpDatabase(database, query));
  const log = readFileSync(serverLog, 'utf8');
  // The dump is real: it holds this run's cases.
  expect(dump).toContain('case_receipts');
  for (const forbidden of [
    CANARY_NAME,
    CANARY_OUTCOME,
    `receipt journey ${run}`,
    `tampered receipt ${run}`,
    `records ${run}`,
    'Mr Tom Baker',
    '"category"',
    '"involvedOthers"',
    '"outcome"',
    '"whatHappened"'
  ]) {
    expect(dump.includes(forbidden), `database holds ${forbidden}`).toBe(false);
    expect(log.includes(forbidden), `log holds ${forbidden}`).toBe(false);
  }
});
