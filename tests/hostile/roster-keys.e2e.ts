import { expect, test } from '@playwright/test';
import {
  PROBLEM,
  SLUG,
  crypto,
  fileReport,
  openFromInbox,
  reportToPreview,
  resignUnitWithHostKey,
  signIn,
  withHostDatabase
} from './roster-support';

// Finding 3 and a substituted member key: the host's own keys are refused, in plain words.
test.describe.configure({ mode: 'serial' });

let caseId = '';

test.beforeAll(async () => {
  await crypto.ready();
});

test('a report is filed to the chair', async ({ page }) => {
  ({ caseId } = await fileReport(page));
});

test('staff: the whole roster re-signed by a key the host made is refused', async ({ browser }) => {
  const chair = await signIn(browser, 'chair@riverside.example');
  // First use: this browser pins the organisation's key.
  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toHaveCount(0);
  const undo = await withHostDatabase((sql) => resignUnitWithHostKey(sql, SLUG));
  try {
    await openFromInbox(chair, caseId);
    await expect(chair.getByTestId('roster-problem')).toContainText(PROBLEM);
    await expect(chair.getByTestId('roster-problem')).toContainText(
      'signing key has changed since this browser last saw it'
    );
  } finally {
    await undo();
  }
  // With the real key back, the same browser trusts the roster again.
  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toHaveCount(0);
});

test('reporter: a key substituted for one member stops the report before anything is sent', async ({
  page
}) => {
  const hostBox = crypto.generateStaffKeys().box.publicKey;
  const saved = await withHostDatabase(async (sql) => {
    const [row] = await sql`select c.person_id, c.box_public_key from credentials c
      join people p on p.id = c.person_id where p.email = 'chair@riverside.example'`;
    await sql`update credentials set box_public_key = ${hostBox} where person_id = ${row!.person_id}`;
    return row!;
  });
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/cases')) sent.push(r.url());
  });
  try {
    await reportToPreview(page);
    await expect(page.getByTestId('roster-problem').first()).toContainText(PROBLEM);
    await expect(page.getByTestId('roster-problem').first()).toContainText(
      'Do not send anything; tell Riverside Child Contact Centre'
    );
    await expect(page.getByTestId('send-report')).toHaveCount(0);
    expect(sent).toEqual([]);
  } finally {
    await withHostDatabase(
      (sql) =>
        sql`update credentials set box_public_key = ${saved.box_public_key}
          where person_id = ${saved.person_id}`
    );
  }
});
