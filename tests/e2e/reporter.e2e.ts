import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { serverLog } from '../../playwright.config';
import { dumpDatabase, suiteDatabase, withDatabase } from '../support/dump';
import { expectAccessible, expectNoHorizontalScroll } from './support';

// The journeys run in order and share what they typed, so the canary at the end can look for it.
test.describe.configure({ mode: 'serial' });

const SLUG = 'riverside';
const run = Date.now().toString(36);
/** Everything typed into a form, and every case key shown: none may reach the server's storage. */
const secrets: string[] = [];
const caseKeys: string[] = [];
const filed: { caseId: string; track: string }[] = [];

function typed(label: string): string {
  const value = `${label} canary-${run}-${secrets.length}`;
  secrets.push(value);
  return value;
}

async function checkStep(page: Page, narrow = false) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
  if (narrow) await expectNoHorizontalScroll(page);
  expect(await page.context().cookies()).toEqual([]);
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Continue' }).click();
}

interface Journey {
  track: RegExp;
  category?: RegExp;
  involved?: string[];
  aboutStaff?: 'Yes' | 'No';
  narrow?: boolean;
}

/** Walks the form with the mouse, checking every step; returns the case key shown at the end. */
async function report(page: Page, journey: Journey): Promise<{ key: string; caseId: string }> {
  const narrow = journey.narrow ?? false;
  if (narrow) await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(`/o/${SLUG}/report`);
  await checkStep(page, narrow);
  // Continuing without an answer shows the error summary.
  await next(page);
  await expect(page.getByRole('alert')).toContainText('Choose what you would like to tell us');
  await page.getByLabel(journey.track).check();
  await next(page);
  if (journey.category) {
    await expect(page.getByRole('heading', { name: 'What is it about?' })).toBeVisible();
    await checkStep(page, narrow);
    await page.getByLabel(journey.category).check();
    await next(page);
  }
  await expect(page.getByRole('heading', { name: 'What happened?' })).toBeVisible();
  await checkStep(page, narrow);
  await next(page);
  await expect(page.getByRole('alert')).toContainText('Tell us what happened');
  await page.getByLabel('What happened?').fill(typed('what happened'));
  await next(page);
  await expect(page.getByRole('heading', { name: 'When and where did it happen?' })).toBeVisible();
  await checkStep(page, narrow);
  await page.getByLabel('When').fill(typed('when'));
  await page.getByLabel('Where').fill(typed('where'));
  // The browser's Back button returns to the previous step with the draft intact.
  await next(page);
  await page.goBack();
  await expect(page.getByLabel('Where')).toHaveValue(secrets.at(-1)!);
  await next(page);
  if (journey.track.source !== 'compliment') {
    await expect(page.getByRole('heading', { name: 'Who is involved?' })).toBeVisible();
    await checkStep(page, narrow);
    for (const name of journey.involved ?? []) {
      await page.getByRole('checkbox', { name: new RegExp(name) }).check();
    }
    await page.getByLabel('Anyone else involved').fill(typed('Ms Unlisted Volunteer'));
    await next(page);
    await checkStep(page, narrow);
    await page.getByLabel(journey.aboutStaff ?? 'I am not sure', { exact: true }).check();
    await next(page);
    await checkStep(page, narrow);
    await page.getByLabel('Does anyone else know about this?').fill(typed('others know'));
    await next(page);
    await checkStep(page, narrow);
    await page.getByLabel('What would you like to happen?').fill(typed('outcome'));
    await next(page);
  }
  await expect(page.getByRole('heading', { name: /name or a way to contact you/ })).toBeVisible();
  await checkStep(page, narrow);
  await page.getByLabel(/name or a way to contact you/).fill(typed('contact me'));
  await next(page);
  await expect(page.getByRole('heading', { name: 'Who will read your report' })).toBeVisible();
  await expect(page.getByTestId('will-read')).toBeVisible();
  await checkStep(page, narrow);
  return send(page, journey.track.source);
}

async function send(page: Page, track: string) {
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const filedResponse = await response;
  expect(filedResponse.status()).toBe(201);
  expect(filedResponse.headers()['set-cookie']).toBeUndefined();
  const { caseId } = (await filedResponse.json()) as { caseId: string };
  const key = (await page.getByTestId('case-key').textContent())!.trim();
  expect(key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
  caseKeys.push(key);
  filed.push({ caseId, track });
  await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible();
  await checkStep(page);
  return { key, caseId };
}

async function openCase(page: Page, key: string) {
  await page.goto(`/o/${SLUG}/case`);
  await checkStep(page);
  await page.getByLabel('Case key').fill(key);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('heading', { name: 'Your case' })).toBeVisible({ timeout: 30_000 });
}

let whistleblowing: { key: string; caseId: string };

test('the landing page puts emergency help first and explains who reads a report', async ({
  page
}) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const response = await page.goto(`/o/${SLUG}`);
  expect(response?.headers()['set-cookie']).toBeUndefined();
  const main = page.locator('main');
  const emergency = page.getByRole('region', { name: 'If a child is in immediate danger' });
  await expect(emergency).toContainText('999');
  await expect(emergency).toContainText('0808 800 5000');
  await expect(emergency).toContainText('0300 123 4567');
  // Emergency guidance comes before anything else in the page's content.
  expect(await main.locator('h2').first().textContent()).toBe('If a child is in immediate danger');
  await expect(main).toContainText('acknowledged within 7 days');
  await expect(main).toContainText('The limits of anonymity');
  await expect(page.getByRole('link', { name: 'Start a report' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'I have a case key' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  expect((await page.request.get(`/o/nowhere`)).status()).toBe(404);
});

test('a whistleblowing report naming the coordinator reaches only eligible people', async ({
  page
}) => {
  await page.goto(`/o/${SLUG}/report`);
  whistleblowing = await report(page, {
    track: /whistleblowing/,
    category: /code of conduct/,
    involved: ['Priya Shah']
  });
  expect(whistleblowing.caseId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('deadlines')).toContainText('Acknowledged by');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText('Confirm that you have kept your case key')).toBeVisible();
  await page.getByLabel('I have kept my case key safe').check();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('link', { name: 'Go to my case' })).toBeVisible();
});

test('the preview names who will and will not read it, and why', async ({ page }) => {
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/whistleblowing/).check();
  await next(page);
  await page.getByLabel(/code of conduct/).check();
  await next(page);
  await page.getByLabel('What happened?').fill(typed('preview only'));
  for (let i = 0; i < 2; i++) await next(page);
  await page.getByRole('checkbox', { name: /Priya Shah/ }).check();
  for (let i = 0; i < 5; i++) await next(page);
  const will = page.getByTestId('will-read');
  await expect(will).toContainText('Margaret Ellis');
  await expect(will).not.toContainText('Priya Shah');
  await expect(will).not.toContainText('Tom Baker');
  const willNot = page.getByTestId('will-not-read');
  await expect(willNot.locator('li', { hasText: 'Priya Shah' })).toContainText(
    'You named this person as involved'
  );
  await will.getByText('Key fingerprint').first().click();
  await expect(will.getByTestId('fingerprint').first()).toHaveText(
    /^[0-9A-Z]{4}( [0-9A-Z]{4}){7}$/
  );
  // The organisation's key, every roster entry was checked against, is there to compare.
  await page.getByText('The key of Riverside Child Contact Centre').click();
  const unitFingerprint = await page.getByTestId('organisation-fingerprint').textContent();
  expect(unitFingerprint).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){7}$/);
  // Nothing was sent.
  await expect(page.getByTestId('case-key')).toHaveCount(0);
});

test('a complaint at 320 px wide', async ({ page }) => {
  await report(page, { track: /complaint/, category: /The service itself/, narrow: true });
  await expectNoHorizontalScroll(page);
});

test('a safeguarding concern about a volunteer includes the LADO rule', async ({ page }) => {
  await report(page, {
    track: /safety of a child/,
    category: /risk to a child/,
    aboutStaff: 'Yes'
  });
});

test('a compliment', async ({ page }) => {
  await report(page, { track: /compliment/ });
});

test('a report by keyboard alone', async ({ page }) => {
  await page.goto(`/o/${SLUG}/report`);
  const tabTo = async (selector: string) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`could not reach ${selector} by Tab`);
  };
  await tabTo('#track-whistleblowing');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'What is it about?' })).toBeFocused();
  await tabTo('input[name="category"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await tabTo('#what');
  await page.keyboard.type(typed('keyboard only'));
  await tabTo('button[type="submit"]');
  await page.keyboard.press('Enter');
  for (const heading of [
    'When and where did it happen?',
    'Who is involved?',
    'Is it about a member of staff or a volunteer?',
    'Does anyone else know about this?',
    'What would you like to happen?',
    'Your name or a way to contact you'
  ]) {
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await tabTo('button[type="submit"]');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { name: 'Who will read your report' })).toBeVisible();
  await tabTo('[data-testid="send-report"]');
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.keyboard.press('Enter');
  const { caseId } = (await (await response).json()) as { caseId: string };
  const key = (await page.getByTestId('case-key').textContent())!.trim();
  caseKeys.push(key);
  filed.push({ caseId, track: 'whistleblowing' });
  await tabTo('#kept');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Go to my case' })).toBeVisible();
});

test('a mistyped case key is refused without any request or slow derivation', async ({ page }) => {
  await page.goto(`/o/${SLUG}/case`);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) requests.push(r.url());
  });
  const key = whistleblowing.key;
  // Change one symbol: the check symbol catches it.
  const swapped = key[0] === 'A' ? `B${key.slice(1)}` : `A${key.slice(1)}`;
  await page.getByLabel('Case key').fill(swapped);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('alert')).toContainText('We could not open a case with that key');
  await expect(page.getByTestId('open-progress')).toHaveCount(0);
  expect(requests).toEqual([]);
  await expectAccessible(page);
});

test('an unknown key looks the same as a mistyped one', async ({ page }) => {
  await page.goto(`/o/${SLUG}/case`);
  // A well-formed key that was never issued.
  const { generateCaseKey, ready } = await import('../../src/lib/crypto');
  await ready();
  await page.getByLabel('Case key').fill(generateCaseKey());
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('alert')).toContainText('We could not open a case with that key', {
    timeout: 30_000
  });
});

test('the reporter comes back, replies, and takes it to the LADO', async ({ page }) => {
  await openCase(page, whistleblowing.key);
  await checkStep(page);
  await expect(page.getByTestId('case-status')).toContainText('Received');
  await page.getByRole('textbox', { name: 'Reply or add information' }).fill(typed('my reply'));
  const posted = page.waitForResponse((r) => r.url().endsWith('/api/case/messages'));
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = await posted;
  expect(response.status()).toBe(201);
  expect(response.request().headers()['cookie']).toBeUndefined();
  expect(response.request().headers()['x-candour-signature']).toBeTruthy();
  await expect(page.getByTestId('conversation')).toContainText(secrets.at(-1)!);
  await page.getByRole('button', { name: /Send it to The LADO/ }).click();
  await expect(page.getByTestId('further-people')).toContainText('Sarah Nolan');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirm and take it further' }).click();
  await expect(page.getByTestId('conversation')).toContainText(
    'The case was taken further to The LADO'
  );
  await expect(page.getByTestId('case-status')).toContainText('Taken further');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});

test('case endpoints answer 404 to anyone without the case key, cookies or not', async ({
  request
}) => {
  const bodies = {
    case: { lookupToken: 'A'.repeat(43) },
    'case/messages': {
      lookupToken: 'A'.repeat(43),
      entryId: crypto.randomUUID(),
      epoch: 0,
      ciphertext: 'AAAA'
    },
    'case/escalate': {
      lookupToken: 'A'.repeat(43),
      event: { entryId: crypto.randomUUID(), epoch: 0, ciphertext: 'AAAA' },
      target: { kind: 'body', body: 'lado' },
      holders: [{ personId: crypto.randomUUID(), epoch: 0, sealedKey: 'AAAA' }]
    }
  };
  for (const [endpoint, body] of Object.entries(bodies)) {
    const response = await request.post(`/o/${SLUG}/api/${endpoint}`, {
      data: body,
      headers: { cookie: 'candour_session=anything', 'x-candour-day': '2026-11-26' }
    });
    expect(response.status(), endpoint).toBe(404);
    expect(response.headers()['set-cookie']).toBeUndefined();
  }
  const invalid = await request.post(`/o/${SLUG}/api/cases`, { data: { track: 'nope' } });
  expect(invalid.status()).toBe(400);
});

test('canary: no typed text, involved name or case key reached the database or the log', async () => {
  expect(secrets.length).toBeGreaterThan(10);
  expect(caseKeys.length).toBeGreaterThanOrEqual(5);
  const database = suiteDatabase(serverLog);
  const { dump, holders } = await withDatabase(database, async (query) => ({
    dump: await dumpDatabase(database, query),
    holders: await query(
      `select p.email, k.epoch from case_keys k join people p on p.id = k.person_id
       where k.case_id = '${whistleblowing.caseId}' and k.revoked_on is null order by p.email`
    )
  }));
  // The named coordinator holds no key; the chair does, and the LADO since the escalation.
  const emails = holders.map((h) => String(h.email));
  expect(emails).toContain('chair@riverside.example');
  expect(emails).toContain('lado@riverside-council.example');
  expect(emails).not.toContain('coordinator@riverside.example');
  expect(emails.some((e) => e.endsWith('@riverside.example') && /tom|grace/.test(e))).toBe(false);
  // The dump is real: it holds the cases this suite filed.
  for (const { caseId } of filed) expect(dump).toContain(caseId);
  expect(existsSync(serverLog)).toBe(true);
  const log = readFileSync(serverLog, 'utf8');
  const forbidden = [
    ...secrets,
    ...caseKeys,
    ...caseKeys.map((k) => k.replaceAll('-', '')),
    'Ms Unlisted Volunteer'
  ];
  for (const value of forbidden) {
    expect(dump.includes(value), `database holds ${value}`).toBe(false);
    expect(log.includes(value), `log holds ${value}`).toBe(false);
  }
  // Reporter actions keep the day only.
  expect(log).not.toMatch(/\d{2}:\d{2}:\d{2}.*\/o\//);
});
