import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startCandour } from './server.js';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  expectNoHorizontalScroll,
  openFromInbox,
  signIn,
  stubExitSite
} from './support';

// What a frightened person meets first: Exit this page, pages without JavaScript, errors and limits.

const SLUG = 'riverside';

/** Types as a person does: a tap of Shift for each capital, a short pause between keys. */
async function typeLikeAPerson(page: Page, text: string): Promise<void> {
  for (const char of text) {
    if (/[A-Z]/.test(char)) {
      await page.keyboard.down('Shift');
      await page.keyboard.press(`Key${char}`);
      await page.keyboard.up('Shift');
    } else {
      await page.keyboard.type(char);
    }
    await page.waitForTimeout(40);
  }
}

/** Opens the report form at "What happened?", where a reporter types the most. */
async function whatHappened(page: Page): Promise<void> {
  await page.goto(`/o/${SLUG}/report`);
  await page.locator('input[name="track"]').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[name="category"]').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'What happened?' })).toBeVisible();
}

test.describe('Exit this page', () => {
  test('never fires while someone types capitals, however quickly', async ({ page }) => {
    await stubExitSite(page);
    await whatHappened(page);
    await page.getByLabel('What happened?').click();
    const sentences = ['The LADO', 'I told the NSPCC', 'At the CCC in May'];
    for (const sentence of sentences) {
      await typeLikeAPerson(page, `${sentence}. `);
    }
    // Holding Shift down for a whole word is one press.
    await page.keyboard.down('Shift');
    for (const key of ['KeyS', 'KeyO', 'KeyS']) await page.keyboard.press(key);
    await page.keyboard.up('Shift');
    await expect(page).toHaveURL(new RegExp(`/o/${SLUG}/report`));
    await expect(page.getByLabel('What happened?')).toHaveValue(
      'The LADO. I told the NSPCC. At the CCC in May. SOS'
    );
  });

  test('three presses of Shift in a row still leave, even from a text box', async ({ page }) => {
    await stubExitSite(page);
    await whatHappened(page);
    await page.getByLabel('What happened?').click();
    await typeLikeAPerson(page, 'Some words');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift');
      await page.waitForTimeout(150);
    }
    await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  });

  test('stays in reach on a phone, and tells no one with a touch screen to press Shift', async ({
    browser
  }) => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true
    });
    const page = await context.newPage();
    await page.goto(`/o/${SLUG}`);
    await expectNoHorizontalScroll(page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(667 * 2);
    const exit = page.getByRole('link', { name: 'Exit this page' });
    for (const y of [height / 2, height]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await expect(exit).toBeInViewport({ ratio: 1 });
    }
    await expect(page.getByText('press Shift', { exact: false })).toHaveCount(0);
    await context.close();
  });

  test('tells keyboard users about the Shift shortcut once it works', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/o/${SLUG}`);
    await expect(page.getByText('Or press Shift three times.')).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  for (const where of ['report', 'case'] as const) {
    test(`the ${where} page explains why JavaScript is needed, how to allow it, and the emergency numbers`, async ({
      browser
    }) => {
      for (const width of [375, 1280]) {
        const context = await browser.newContext({
          javaScriptEnabled: false,
          viewport: { width, height: 800 }
        });
        const page = await context.newPage();
        await page.goto(`/o/${SLUG}/${where}`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(
          'Turn on JavaScript to use this page'
        );
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        // Playwright's text matchers and snapshots skip <noscript>, which this browser shows:
        // read the page as served.
        const shown = await (await page.request.get(`/o/${SLUG}/${where}`)).text();
        for (const words of [
          'Candour encrypts what you write',
          'In Tor Browser, allow JavaScript for this site only',
          'NoScript',
          'Call 999 now.',
          '0808 800 5000'
        ])
          expect(shown).toContain(words);
        expect(shown).not.toContain('Loading');
        expect(shown).not.toContain('Shift');
        expect(shown).not.toContain('role="status"');
        await expect(page.getByRole('link', { name: 'Exit this page' })).toBeVisible();
        if (width === 375) await expectNoHorizontalScroll(page);
        await context.close();
      }
    });
  }

  test('the staff sign-in page has a heading and a single notice', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/staff/sign-in');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.locator('.callout')).toHaveCount(0);
    await expect(page.getByText('Loading')).toHaveCount(0);
    await context.close();
  });
});

test.describe('axe on every page a reporter or a signed-out person meets', () => {
  const pages = [
    '/',
    `/o/${SLUG}`,
    `/o/${SLUG}/report`,
    `/o/${SLUG}/case`,
    `/o/${SLUG}?lang=cy`,
    `/o/${SLUG}/report?lang=cy`,
    `/o/${SLUG}/case?lang=cy`,
    '/staff/sign-in',
    '/staff/recover',
    '/staff/invite'
  ];
  for (const width of [375, 1280]) {
    test(`no violation at ${width} px, with JavaScript on and off`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      for (const url of pages) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expectAccessible(page);
        if (width === 375) await expectNoHorizontalScroll(page);
        await expectAccessibleWithoutJavaScript(page, url);
      }
    });
  }
});

test.describe('errors, the GOV.UK way', () => {
  test('an empty case key gets "Enter your case key", linked from the summary and beside the field', async ({
    page
  }) => {
    await page.goto(`/o/${SLUG}/case`);
    await page.getByRole('button', { name: 'Open my case' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary.getByRole('link', { name: 'Enter your case key' })).toHaveAttribute(
      'href',
      '#case-key'
    );
    await expect(page.locator('#case-key-error')).toContainText('Enter your case key');
    await expect(page.getByLabel('Case key')).toHaveAttribute('aria-invalid', 'true');
    await summary.getByRole('link', { name: 'Enter your case key' }).click();
    await expect(page.getByLabel('Case key')).toBeFocused();
    await expectAccessible(page);
    // A wrong key gets the message beside the field too.
    await page.getByLabel('Case key').fill('ABCDE-FGHJK-MNPQR-STVWX-YZ234-5678');
    await page.getByRole('button', { name: 'Open my case' }).click();
    await expect(page.locator('#case-key-error')).toContainText('We could not open a case');
  });

  test('a report step shows its error beside the field as well as in the summary', async ({
    page
  }) => {
    await whatHappened(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.error-summary').getByRole('link')).toHaveText(
      'Tell us what happened'
    );
    await expect(page.locator('#what-error')).toContainText('Tell us what happened');
    await expect(page.getByLabel('What happened?')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
  });

  test('set-up says which field is missing, beside it', async ({ browser }) => {
    const server = await startCandour({
      port: Number(process.env.E2E_PORT ?? 4173) + 23,
      logPath: path.join(tmpdir(), `candour-e2e-usability-${process.env.E2E_PORT ?? 4173}.log`)
    });
    try {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      await page.goto('/setup');
      await page.getByRole('button', { name: 'Create the organisation' }).click();
      const summary = page.locator('.error-summary');
      await expect(summary).toContainText('Enter the name of the organisation');
      await expect(summary).toContainText('Enter a web address for the organisation');
      await expect(page.locator('#slug-error')).toContainText(
        'Enter a web address for the organisation'
      );
      await expect(page.locator('#email-error')).toContainText('Enter your email address');
      await expectAccessible(page);
      await context.close();
    } finally {
      await server.stop();
    }
  });
});

test.describe('staff forms', () => {
  test('the invite form explains a missing answer instead of a browser bubble', async ({
    browser
  }) => {
    const page = await signInAsAdmin(browser);
    await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary.getByRole('link', { name: "Enter the person's name" })).toHaveAttribute(
      'href',
      '#invite-name'
    );
    await expect(page.locator('#invite-name-error')).toContainText("Enter the person's name");
    await expect(page.locator('#invite-email-error')).toContainText('Enter their email address');
    await expect(page.locator('#invite-roles-error')).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('character count', () => {
  test('a long paste is kept whole, counted, and refused with a reason', async ({ page }) => {
    await whatHappened(page);
    const long = 'a'.repeat(25_000);
    await page.getByLabel('What happened?').fill(long);
    await expect(page.getByLabel('What happened?')).toHaveValue(long);
    await expect(page.getByTestId('what-count')).toHaveText('You have 5,000 characters too many');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#what-error')).toContainText(
      'What happened must be 20,000 characters or fewer'
    );
    await expect(page.getByRole('heading', { name: 'What happened?' })).toBeVisible();
    await page.getByLabel('What happened?').fill('a'.repeat(19_999));
    await expect(page.getByTestId('what-count')).toHaveText('You have 1 character remaining');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('heading', { name: 'When and where did it happen?' })
    ).toBeVisible();
  });
});

async function signInAsAdmin(browser: Browser): Promise<Page> {
  const { readFileSync } = await import('node:fs');
  const { serverLog } = await import('../../playwright.config');
  const email = 'admin@riverside.example';
  const line = readFileSync(serverLog, 'utf8')
    .split('\n')
    .find((l) => l.includes(` ${email} `));
  const password = line
    ?.trim()
    .split(/\s+/)
    .find((w) => w.startsWith('demo-'));
  if (!password) throw new Error(`no demo password for ${email}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  return page;
}

test.describe('Cymraeg', () => {
  test('the language switch sets no cookie, keeps the choice in the address and sets lang', async ({
    page
  }) => {
    await page.goto(`/o/${SLUG}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await expect(page).toHaveURL(/\?lang=cy/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
    await expect(page.getByRole('link', { name: 'Dechrau adroddiad' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Dechrau adroddiad' }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${SLUG}/report\\?lang=cy`));
    await expect(
      page.getByRole('heading', { name: 'Beth hoffech chi ei ddweud wrthym?' })
    ).toBeVisible();
    await page.getByRole('button', { name: 'Parhau' }).click();
    await expect(page.locator('.error-summary')).toContainText('Mae problem wedi codi');
    // Switching back keeps the step and what was chosen.
    await page.locator('input[name="track"]').first().check();
    await page.getByRole('link', { name: 'English' }).click();
    await expect(
      page.getByRole('heading', { name: 'What would you like to tell us?' })
    ).toBeVisible();
    await expect(page.locator('input[name="track"]').first()).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.context().cookies()).toEqual([]);
  });

  test('the page without JavaScript is in Welsh too, with lang="cy"', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`/o/${SLUG}/report?lang=cy`);
    expect(response?.headers()['set-cookie']).toBeUndefined();
    await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Trowch JavaScript ymlaen i ddefnyddio’r dudalen hon'
    );
    await context.close();
  });

  test('staff pages stay in English', async ({ page }) => {
    await page.goto('/staff/sign-in?lang=cy');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  });
});

/** Files a report on a track with the fewest answers the form needs; leaves the sent page open. */
async function fileReport(page: Page, track: 'complaint' | 'whistleblowing'): Promise<string> {
  await page.goto(`/o/${SLUG}/report`);
  await page.locator(`#track-${track}`).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[name="category"]').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What happened?').fill('Something happened at handover.');
  while (!(await page.getByTestId('send-report').isVisible())) {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('send-report').or(page.locator('h1')).first().waitFor();
  }
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const { caseId } = (await (await response).json()) as { caseId: string };
  await expect(page.getByTestId('case-key')).toBeVisible({ timeout: 60_000 });
  return caseId;
}

test.describe('the sent page', () => {
  test('gives every date and timescale the complaints procedure promises, each with its clause', async ({
    page
  }) => {
    await fileReport(page, 'complaint');
    const dates = page.getByTestId('deadlines');
    await expect(dates).toContainText(/Acknowledged by \w+, \d+ \w+ \d{4}/);
    await expect(dates).toContainText(/A reply by \w+, \d+ \w+ \d{4}/);
    await expect(dates).toContainText('ask for stage 2 within 14 days');
    await expect(dates).toContainText('Stage 2');
    await expect(dates).toContainText('Stage 3');
    await expect(dates).toContainText('ask for stage 3 within 14 days');
    // Every promise names the clause it comes from.
    const promises = dates.locator('li');
    expect(await promises.count()).toBe(7);
    await expect(dates.getByTestId('deadline-source')).toHaveCount(7);
    await expectAccessible(page);
  });

  test('says when a reply counts from the end of an investigation, rather than giving no date', async ({
    page
  }) => {
    await fileReport(page, 'whistleblowing');
    const dates = page.getByTestId('deadlines');
    await expect(dates).toContainText(/Acknowledged by \w+, \d+ \w+ \d{4}/);
    await expect(dates).toContainText('A reply within 7 days of the investigation ending');
    await expect(dates.getByTestId('deadline-source')).toHaveCount(2);
  });
});

test.describe('axe on every page staff meet once signed in', () => {
  /** Follows a link of the staff menu (client-side: the keys stay in the tab's memory). */
  async function visit(page: Page, href: string, width: number): Promise<void> {
    await page.locator(`nav.staff-nav a[href="${href}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/\//g, '\\/')}$`));
    await check(page, width);
  }
  async function check(page: Page, width: number): Promise<void> {
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page);
    if (width === 375) await expectNoHorizontalScroll(page);
  }

  for (const width of [375, 1280]) {
    test(`no violation at ${width} px: inbox, case, record, admin pages, policy editor, people, security, host`, async ({
      page,
      browser
    }) => {
      const caseId = await fileReport(page, 'whistleblowing');
      const coordinator = await signIn(browser, 'coordinator@riverside.example');
      await coordinator.setViewportSize({ width, height: 800 });
      await check(coordinator, width);
      await visit(coordinator, '/staff/inbox', width);
      await openFromInbox(coordinator, caseId);
      await check(coordinator, width);
      await coordinator.getByRole('link', { name: 'Written record (printable)' }).click();
      await expect(coordinator).toHaveURL(/\/record$/);
      await check(coordinator, width);
      await visit(coordinator, '/staff/security', width);
      await coordinator.context().close();

      const admin = await signIn(browser, 'admin@riverside.example');
      await admin.setViewportSize({ width, height: 800 });
      await check(admin, width);
      for (const href of [
        '/staff/admin/people',
        '/staff/admin/policy',
        '/staff/admin/notices',
        '/staff/overdue',
        '/staff/host',
        '/staff/security'
      ]) {
        await visit(admin, href, width);
      }
      // A reload forgets the keys: the page asks for the password again.
      await admin.goto('/staff/inbox');
      await check(admin, width);
      await admin.context().close();
    });
  }
});
