import { expect, test } from '@playwright/test';
import {
  PROBLEM,
  crypto,
  fileReport,
  openFromInbox,
  reportToPreview,
  signIn,
  withHostDatabase
} from './roster-support';

// Finding 3, bodies: the link between the organisation and the LADO, and the LADO's key.
test.describe.configure({ mode: 'serial' });

const LADO = 'riverside-lado';
let caseId = '';

test.beforeAll(async () => {
  await crypto.ready();
});

/** The host swaps the LADO's key for its own and signs the LADO's side of everything with it. */
async function forgeLado() {
  return withHostDatabase(async (sql) => {
    const { resignUnitWithHostKey } = await import('./roster-support');
    return resignUnitWithHostKey(sql, LADO);
  });
}

test('a report is filed to the chair', async ({ page }) => {
  ({ caseId } = await fileReport(page));
});

test('reporter: a LADO key and link signed only by the host are refused', async ({ page }) => {
  const undo = await forgeLado();
  try {
    await reportToPreview(page, 'Yes');
    await expect(page.getByTestId('roster-problem').first()).toContainText(PROBLEM);
    await expect(page.getByTestId('roster-problem').first()).toContainText(
      'Riverside Council LADO could not be verified'
    );
    await expect(page.getByTestId('roster-problem').first()).toContainText(
      'link to this organisation'
    );
    await expect(page.getByTestId('send-report')).toHaveCount(0);
  } finally {
    await undo();
  }
});

test('staff: a forged LADO is refused before any referral', async ({ browser }) => {
  const chair = await signIn(browser, 'chair@riverside.example');
  const undo = await forgeLado();
  const referrals: string[] = [];
  chair.on('request', (r) => {
    if (r.url().includes('/refer')) referrals.push(r.url());
  });
  try {
    await openFromInbox(chair, caseId);
    await expect(chair.getByTestId('roster-problem')).toContainText(
      'Riverside Council LADO could not be verified'
    );
    await expect(chair.getByRole('button', { name: /Refer/ })).toHaveCount(0);
    expect(referrals).toEqual([]);
  } finally {
    await undo();
  }
});

test('reporter: an unsigned link is not offered, and the page says so', async ({ page }) => {
  const saved = await withHostDatabase(async (sql) => {
    const rows = await sql`select l.* from unit_links l join organisations b on b.id = l.body_id
      where b.slug = ${LADO}`;
    await sql`update unit_links set organisation_signature = null, body_signature = null
      where body_id = ${rows[0]!.body_id}`;
    return rows[0]!;
  });
  try {
    await reportToPreview(page, 'Yes');
    await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis', {
      timeout: 30_000
    });
    await expect(page.getByTestId('will-read')).not.toContainText('Sarah Nolan');
    await expect(page.getByTestId('body-unlinked')).toContainText(
      'Riverside Council LADO cannot be offered'
    );
  } finally {
    await withHostDatabase(
      (sql) => sql`update unit_links set organisation_signature = ${saved.organisation_signature},
        body_signature = ${saved.body_signature}
        where organisation_id = ${saved.organisation_id} and body_id = ${saved.body_id}`
    );
  }
});
