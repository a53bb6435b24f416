// A complaint through every stage of its procedure, in the browser, for the West Wilts and the
// Birmingham presets: stage 1 acknowledged and answered within its deadlines; stage 2 asked for
// on day 13 after the reply (accepted) and, in a second case, on day 15 (explained refusal, in
// the page and in the server's answer); the chair investigates stage 2; the complainant asks for
// stage 3; the chair forms the panel without the stage-2 investigator (a crafted request
// including them is refused); a panel member records the final decision; NACCC reads the case.
//
// The clock. Candour has no way to set the server's date, on purpose: a backdoor that moves
// "today" is one more thing that could be switched on in production. Time passes here the other
// way round: the case's own dates (received, stage started, acknowledged, responded) are moved
// back N days in the database, exactly as if the case were N days older, and the server and the
// browser both keep the real date. That needs write access to the suite's database, so the test
// runs on PostgreSQL only (TEST_DATABASE_URL), like the hostile-server suite. Only the case row's
// dates move; the signed entries and the hash-chained audit trail keep the real dates, so their
// chains still verify. One step uses Playwright's browser clock as well: a reporter whose browser
// is a day behind sees the stage-2 window still open, asks, and gets the server's refusal.
//
// Expected dates come from $lib/routing's deadline functions (their working days, weeks and bank
// holidays are checked independently in calendar.test.ts and further.test.ts); this test checks
// that the pages show them and that the server enforces them.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { serverLog } from '../../playwright.config';
import { addCalendarDays, deadlinesFor, presetById, type Policy } from '../../src/lib/routing';
import { withHostDatabase } from '../hostile/host';
import { dumpTables, suiteDatabase, withDatabase } from '../support/dump';
import { demoPassword, expectAccessible, openFromInbox } from './support';

test.describe.configure({ mode: 'serial' });
test.skip(
  !process.env.TEST_DATABASE_URL,
  'moves the case dates in the database: needs PostgreSQL (TEST_DATABASE_URL)'
);

const SLUG = 'riverside';
const COORDINATOR = 'coordinator@riverside.example';
const CHAIR = 'chair@riverside.example';
const OFFICER = 'complaints@riverside.example';
const PANEL_MEMBER = 'david.chen@riverside.example';
const NACCC = 'ceo@naccc.example';
const run = Date.now().toString(36);
/** Everything typed into a complaint or a response, and every case key: checked at the end. */
const secrets: string[] = [];

/** The server's date: UTC, as `today()` has it. */
const realToday = () => new Date().toISOString().slice(0, 10);

/** N days pass for this case: its dates move back N days. */
async function age(caseId: string, days: number): Promise<void> {
  await withHostDatabase(
    (sql) => sql`
      update cases set
        received_on = received_on - ${days}::int,
        stage_started_on = stage_started_on - ${days}::int,
        acknowledged_on = acknowledged_on - ${days}::int,
        responded_on = responded_on - ${days}::int
      where id = ${caseId}`
  );
}

async function caseDates(caseId: string) {
  return withHostDatabase(async (sql) => {
    const [row] = await sql<
      {
        stage: number;
        stage_started_on: string;
        acknowledged_on: string | null;
        responded_on: string | null;
      }[]
    >`select stage, stage_started_on::text, acknowledged_on::text, responded_on::text
        from cases where id = ${caseId}`;
    return row!;
  });
}

/** A day as the page writes it (the browser's own en-GB long date). */
function inWords(page: Page, day: string): Promise<string> {
  return page.evaluate(
    (d) =>
      new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC'
      }),
    day
  );
}

const staffPages = new Map<string, Page>();
async function staff(browser: Browser, email: string): Promise<Page> {
  const existing = staffPages.get(email);
  if (existing) return existing;
  const page = await (await browser.newContext()).newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  staffPages.set(email, page);
  return page;
}

/** Files a complaint as a parent would, naming nobody; returns its case key and id. */
async function fileComplaint(page: Page, what: string): Promise<{ key: string; caseId: string }> {
  const next = () => page.getByRole('button', { name: 'Continue' }).click();
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/complaint/).check();
  await next();
  await page.getByLabel(/The service itself/).check();
  await next();
  await page.getByLabel('What happened?').fill(what);
  await next();
  await page.getByLabel('When').fill('Saturday handover');
  await page.getByLabel('Where').fill('the front desk');
  await next();
  await expect(page.getByRole('heading', { name: 'Who is involved?' })).toBeVisible();
  await next();
  await page.getByLabel('I am not sure', { exact: true }).check();
  await next();
  await page.getByLabel('Does anyone else know about this?').fill('my sister');
  await next();
  await page.getByLabel('What would you like to happen?').fill('an apology');
  await next();
  await next();
  await expect(page.getByRole('heading', { name: 'Who will read your report' })).toBeVisible();
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const caseId = ((await (await response).json()) as { caseId: string }).caseId;
  const key = (await page.getByTestId('case-key').textContent())!.trim();
  return { key, caseId };
}

/** The reporter's case page, opened with the case key in a fresh browser profile. */
async function asReporter(browser: Browser, key: string, clock?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (clock) await page.clock.install({ time: new Date(`${clock}T12:00:00Z`) });
  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(key);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('heading', { name: 'Your case' })).toBeVisible({ timeout: 60_000 });
  return page;
}

async function acknowledge(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Acknowledged');
}

async function finalResponse(page: Page, stage: number, text: string): Promise<void> {
  await page.getByLabel('The formal response for this stage').check();
  await page.getByLabel('Message to the reporter', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send to the reporter' }).click();
  await expect(page.getByTestId('conversation').getByTestId('final-response').last()).toHaveText(
    `Final response for stage ${stage}`
  );
  await expect(page.getByTestId('case-status')).toHaveText('Responded');
}

interface Procedure {
  preset: string;
  /** Who acknowledges stage 2 (the chair at West Wilts, the complaints officer at Birmingham). */
  stage2Acknowledger: string;
  /** The people the reporter is told will handle stage 2. */
  stage2People: string[];
}

const PROCEDURES: Procedure[] = [
  {
    preset: 'complaints-west-wilts-ccc',
    stage2Acknowledger: CHAIR,
    stage2People: ['Margaret Ellis']
  },
  {
    preset: 'complaints-birmingham-ccc',
    stage2Acknowledger: OFFICER,
    stage2People: ['Margaret Ellis', 'Rachel Green']
  }
];

for (const procedure of PROCEDURES) {
  test.describe(procedure.preset, () => {
    const policy = presetById(procedure.preset)!.policy as Policy;
    let original: unknown;
    let accepted = { key: '', caseId: '' };
    let late = { key: '', caseId: '' };
    const said = (label: string) => {
      const value = `${label} ${procedure.preset} complaint-${run}`;
      if (!secrets.includes(value)) secrets.push(value);
      return value;
    };

    test.beforeAll(async () => {
      await withHostDatabase(async (sql) => {
        const [row] = await sql<{ policy: unknown }[]>`
          select policy from organisations where slug = ${SLUG}`;
        original = row!.policy;
        await sql`update organisations set policy = ${sql.json(policy as never)} where slug = ${SLUG}`;
      });
    });

    test.afterAll(async () => {
      await withHostDatabase(
        (sql) =>
          sql`update organisations set policy = ${sql.json(original as never)} where slug = ${SLUG}`
      );
    });

    test('stage 1: filed, acknowledged and answered within its deadlines', async ({
      browser,
      page
    }) => {
      accepted = await fileComplaint(page, said('rude at handover'));
      secrets.push(accepted.key, accepted.key.replaceAll('-', ''));
      // Filed three days ago.
      await age(accepted.caseId, 3);
      const received = addCalendarDays(realToday(), -3);
      const due = deadlinesFor(policy, 'complaint', 1, { receivedOn: received });

      const reporter = await asReporter(browser, accepted.key);
      await expect(reporter.getByTestId('stage-of')).toHaveText(
        'Your case is at stage 1 of 3 of the procedure.'
      );
      await expect(reporter.getByTestId('case-facts')).toContainText(
        `Acknowledged by ${await inWords(reporter, due.acknowledgeBy!)}`
      );
      await expect(reporter.getByTestId('case-facts')).toContainText(
        `A reply by ${await inWords(reporter, due.replyBy!)}`
      );
      await expect(reporter.getByTestId('next-stage')).toContainText(
        'When this stage has been answered, you may ask for stage 2 if you are not satisfied.'
      );
      // Nothing is offered before the reply: no next stage, and NACCC only after stage 3.
      await expect(reporter.getByTestId('further-options')).toHaveCount(0);
      await expect(reporter.getByTestId('later-body')).toHaveCount(0);
      await expectAccessible(reporter);

      const coordinator = await staff(browser, COORDINATOR);
      await openFromInbox(coordinator, accepted.caseId);
      await expect(coordinator.getByTestId('case-stage')).toContainText('1 of 3');
      await expect(coordinator.getByTestId('stage-handlers')).toHaveText('Priya Shah');
      await expect(coordinator.getByTestId('acknowledge-by')).toContainText(
        await inWords(coordinator, due.acknowledgeBy!)
      );
      await expectAccessible(coordinator);
      await acknowledge(coordinator);
      await age(accepted.caseId, 7);
      await finalResponse(coordinator, 1, said('stage 1 answer'));
      const dates = await caseDates(accepted.caseId);
      const stage1 = deadlinesFor(policy, 'complaint', 1, {
        receivedOn: dates.stage_started_on
      });
      expect(dates.acknowledged_on! <= stage1.acknowledgeBy!).toBe(true);
      expect(dates.responded_on! <= stage1.replyBy!).toBe(true);
      await expect(coordinator.getByTestId('deadline')).toHaveCount(0);
      await expectAccessible(coordinator);
    });

    test('day 13 after the reply: the complainant asks for stage 2, and it is accepted', async ({
      browser
    }) => {
      await age(accepted.caseId, 13);
      const until = addCalendarDays(realToday(), 1);
      const reporter = await asReporter(browser, accepted.key);
      await expect(reporter.getByTestId('final-response')).toHaveText(
        'The final response for stage 1'
      );
      await expect(reporter.getByTestId('next-stage')).toContainText(
        `If you are not satisfied with the answer, you may ask for stage 2 until ${await inWords(reporter, until)}.`
      );
      await reporter.getByRole('button', { name: 'Ask for stage 2' }).click();
      for (const name of procedure.stage2People.filter((n) => n !== 'Priya Shah')) {
        await expect(reporter.getByTestId('further-people')).toContainText(name);
      }
      await expectAccessible(reporter);
      await reporter.getByRole('button', { name: 'Confirm and take it further' }).click();
      await expect(reporter.getByText('Done. Your case has been taken further.')).toBeVisible();
      await expect(reporter.getByTestId('case-stage')).toHaveText('2');
      await expect(reporter.getByTestId('conversation')).toContainText(
        'The case moved to stage 2.'
      );
      // What happens next at stage 2, and by when.
      const stage2 = deadlinesFor(policy, 'complaint', 2, { receivedOn: realToday() });
      await expect(reporter.getByTestId('case-facts')).toContainText(
        `Acknowledged by ${await inWords(reporter, stage2.acknowledgeBy!)}`
      );
      await expect(reporter.getByTestId('case-facts')).toContainText(
        `A reply by ${await inWords(reporter, stage2.replyBy!)}`
      );
      await expect(reporter.getByTestId('next-stage')).toContainText(
        'When this stage has been answered, you may ask for stage 3 if you are not satisfied.'
      );
    });

    test('day 15 after the reply, in a second case: the refusal is explained', async ({
      browser,
      page
    }) => {
      late = await fileComplaint(page, said('late asker'));
      secrets.push(late.key, late.key.replaceAll('-', ''));
      const coordinator = await staff(browser, COORDINATOR);
      await openFromInbox(coordinator, late.caseId);
      await acknowledge(coordinator);
      await finalResponse(coordinator, 1, said('late answer'));
      await age(late.caseId, 15);
      const closedOn = addCalendarDays(realToday(), -1);

      // The page says the window has closed, and when; it offers nothing it cannot do.
      const reporter = await asReporter(browser, late.key);
      await expect(reporter.getByTestId('next-stage')).toContainText(
        `The time to ask for stage 2 ended on ${await inWords(reporter, closedOn)}. You can still write to the people on your case.`
      );
      await expect(reporter.getByRole('button', { name: 'Ask for stage 2' })).toHaveCount(0);
      await expectAccessible(reporter);

      // A browser a day behind (its clock on the window's last day) still offers it; the
      // server refuses, saying why, and the page shows that reason.
      const behind = await asReporter(browser, late.key, closedOn);
      const refused = behind.waitForResponse((r) => r.url().endsWith('/api/case/escalate'));
      await behind.getByRole('button', { name: 'Ask for stage 2' }).click();
      await behind.getByRole('button', { name: 'Confirm and take it further' }).click();
      const answer = await refused;
      expect(answer.status()).toBe(400);
      const body = (await answer.json()) as { code: string; message: string };
      expect(body.code).toBe('window_closed');
      expect(body.message).toContain('The time to ask for stage 2 ended on');
      await expect(behind.getByRole('alert')).toContainText(
        `The time to ask for stage 2 ended on ${await inWords(behind, closedOn)}.`
      );
      expect((await caseDates(late.caseId)).stage).toBe(1);
    });

    test('stage 2: acknowledged, investigated and answered by the chair', async ({ browser }) => {
      if (procedure.stage2Acknowledger !== CHAIR) {
        const officer = await staff(browser, procedure.stage2Acknowledger);
        await openFromInbox(officer, accepted.caseId);
        await expect(officer.getByTestId('case-stage')).toContainText('2 of 3');
        await acknowledge(officer);
      }
      const chair = await staff(browser, CHAIR);
      await openFromInbox(chair, accepted.caseId);
      await expect(chair.getByTestId('case-stage')).toContainText('2 of 3');
      await expect(chair.getByTestId('stage-handlers')).toContainText('Margaret Ellis');
      const started = (await caseDates(accepted.caseId)).stage_started_on;
      const due = deadlinesFor(policy, 'complaint', 2, { receivedOn: started });
      await expect(chair.getByTestId('reply-by')).toContainText(await inWords(chair, due.replyBy!));
      if (procedure.stage2Acknowledger === CHAIR) await acknowledge(chair);
      await age(accepted.caseId, 20);
      await finalResponse(chair, 2, said('stage 2 findings'));
      await expect(chair.getByTestId('stage-investigator')).toHaveText('Margaret Ellis');
      await age(accepted.caseId, 10);
    });

    test('the complainant asks for stage 3, which the chair already holds', async ({ browser }) => {
      const reporter = await asReporter(browser, accepted.key);
      const responded = (await caseDates(accepted.caseId)).responded_on!;
      const until = deadlinesFor(policy, 'complaint', 2, {
        receivedOn: responded,
        respondedOn: responded
      }).nextStageRequestBy!;
      await expect(reporter.getByTestId('next-stage')).toContainText(
        `you may ask for stage 3 until ${await inWords(reporter, until)}`
      );
      await reporter.getByRole('button', { name: 'Ask for stage 3' }).click();
      await expect(reporter.getByTestId('further-already')).toContainText('Margaret Ellis');
      await reporter.getByRole('button', { name: 'Confirm and take it further' }).click();
      await expect(reporter.getByText('Done. Your case has been taken further.')).toBeVisible();
      await expect(reporter.getByTestId('case-stage')).toHaveText('3');
      await expect(reporter.getByTestId('next-stage')).toContainText(
        'Stage 3 is the last stage of this procedure: its answer is final.'
      );
      await expect(reporter.getByTestId('later-body')).toContainText('NACCC');
      await expectAccessible(reporter);
    });

    test('the chair forms the panel without the stage-2 investigator; a crafted one is refused', async ({
      browser
    }) => {
      const chair = await staff(browser, CHAIR);
      await openFromInbox(chair, accepted.caseId);
      await expect(chair.getByTestId('case-stage')).toContainText('3 of 3');
      await expect(chair.getByTestId('stage2-investigator')).toHaveText('Margaret Ellis');
      const offered = chair.getByTestId('panel-candidates');
      for (const name of ['David Chen', 'Helen Price', 'Samuel Adeyemi']) {
        await expect(offered.getByLabel(name)).toBeChecked();
      }
      await expect(offered.getByLabel('Margaret Ellis')).toHaveCount(0);
      await expect(offered.getByRole('checkbox')).toHaveCount(3);
      await expect(chair.getByTestId('panel-excluded')).toContainText(
        'Margaret Ellis cannot sit on the panel. (investigated at stage 2)'
      );
      await expectAccessible(chair);

      // The chair's own browser would never send this: the server refuses it all the same.
      const chairId = await withHostDatabase(async (sql) => {
        const [row] = await sql<{ id: string }[]>`select id from people where email = ${CHAIR}`;
        return row!.id;
      });
      const crafted = await chair.evaluate(
        async ({ caseId, chairId }) => {
          const filler = btoa('x'.repeat(120));
          const response = await fetch(`/staff/api/cases/${caseId}/grant`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              purpose: 'panel',
              holders: [{ personId: chairId, epoch: 0, sealedKey: filler }],
              event: { entryId: crypto.randomUUID(), epoch: 0, ciphertext: filler }
            })
          });
          return { status: response.status, body: await response.json() };
        },
        { caseId: accepted.caseId, chairId }
      );
      expect(crafted).toEqual({
        status: 400,
        body: {
          code: 'investigator',
          message: 'The person who investigated at stage 2 cannot sit on the panel.'
        }
      });

      // Too few ticked is explained; the three eligible members form it.
      await offered.getByLabel('Samuel Adeyemi').uncheck();
      await chair.getByRole('button', { name: 'Form the panel' }).click();
      await expect(chair.getByRole('alert').first()).toContainText(
        'Choose 3 members for the panel.'
      );
      await offered.getByLabel('Samuel Adeyemi').check();
      await chair.getByRole('button', { name: 'Form the panel' }).click();
      await expect(chair.getByTestId('notice')).toHaveText('The panel has access to the case.');
      await expect(chair.getByTestId('stage-panel')).toHaveText(
        'David Chen, Helen Price, Samuel Adeyemi'
      );
      await expect(chair.getByTestId('holders')).toContainText('Helen Price');
    });

    test('a panel member reads the case and records the final decision', async ({ browser }) => {
      const member = await staff(browser, PANEL_MEMBER);
      await openFromInbox(member, accepted.caseId);
      await expect(member.getByTestId('report')).toContainText(said('rude at handover'));
      await expect(member.getByTestId('conversation')).toContainText(said('stage 1 answer'));
      await expect(member.getByTestId('conversation')).toContainText(said('stage 2 findings'));
      await expect(member.getByTestId('stage-panel')).toContainText('David Chen');
      await finalResponse(member, 3, said('panel decision'));
      await member.getByRole('link', { name: 'Written record (printable)' }).click();
      const finals = member.getByTestId('record-finals');
      await expect(finals).toBeVisible({ timeout: 30_000 });
      for (const [stage, text] of [
        [1, said('stage 1 answer')],
        [2, said('stage 2 findings')],
        [3, said('panel decision')]
      ] as const) {
        await expect(finals.locator('li').nth(stage - 1)).toContainText(
          `Final response for stage ${stage}`
        );
        await expect(finals.locator('li').nth(stage - 1)).toContainText(text);
      }
      await expectAccessible(member);
      await member.getByRole('link', { name: 'Back to the case' }).click();
      await expect(member.getByTestId('audit-status')).toBeVisible({ timeout: 30_000 });
    });

    test('the complainant takes it to NACCC, who can read it', async ({ browser }) => {
      const reporter = await asReporter(browser, accepted.key);
      await expect(reporter.getByTestId('final-response').last()).toHaveText(
        'The final response for stage 3'
      );
      await expect(reporter.getByRole('button', { name: /Ask for stage/ })).toHaveCount(0);
      await reporter.getByRole('button', { name: 'Send it to NACCC' }).click();
      await expect(reporter.getByTestId('further-people')).toHaveText('Jane Whitfield');
      await reporter.getByRole('button', { name: 'Confirm and take it further' }).click();
      await expect(reporter.getByText('Done. Your case has been taken further.')).toBeVisible();
      await expectAccessible(reporter);

      const naccc = await staff(browser, NACCC);
      await openFromInbox(naccc, accepted.caseId);
      await expect(naccc.getByTestId('report')).toContainText(said('rude at handover'));
      await expect(naccc.getByTestId('conversation')).toContainText(said('panel decision'));
      await expect(naccc.getByTestId('audit-status')).toContainText('Audit trail verified');
    });
  });
}

test('canary: no complaint, response or case key reached the database or the log', async () => {
  const dump = await withDatabase(suiteDatabase(serverLog), dumpTables);
  const log = readFileSync(serverLog, 'utf8');
  expect(secrets.length).toBeGreaterThan(10);
  for (const value of secrets) {
    expect(dump.includes(value), `database holds ${value}`).toBe(false);
    expect(log.includes(value), `log holds ${value}`).toBe(false);
  }
});
