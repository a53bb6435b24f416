import { expect, test } from '@playwright/test';
import {
  PROBLEM,
  SLUG,
  contentKeyOf,
  crypto,
  duplicateMemberInHtml,
  fileReport,
  openFromInbox,
  personByEmail,
  rewriteDocument,
  signIn,
  unitBySlug,
  withHostDatabase
} from './roster-support';

// Finding 2: a person id served twice, an unsigned copy ahead of the signed entry.
test.describe.configure({ mode: 'serial' });

let caseId = '';
let caseKey = '';
let host: crypto.StaffKeys;

test.beforeAll(async () => {
  await crypto.ready();
  host = crypto.generateStaffKeys();
});

test('a report is filed to the chair', async ({ page }) => {
  ({ caseId, caseKey } = await fileReport(page));
});

test('staff: a duplicate of a colleague served first gets no grant; the page says why', async ({
  browser
}) => {
  const chair = await signIn(browser, 'chair@riverside.example');
  const colleague = await withHostDatabase((sql) =>
    personByEmail(sql, 'david.chen@riverside.example')
  );
  await chair.route(`**/staff/api/cases/${caseId}`, async (route) => {
    const response = await route.fetch();
    const detail = (await response.json()) as {
      units: { members: { personId: string; rosterSignature: string | null }[] }[];
    };
    const members = detail.units[0]!.members;
    const real = members.find((m) => m.personId === colleague.id)!;
    members.unshift({
      ...real,
      boxPublicKey: crypto.toBase64(host.box.publicKey),
      signPublicKey: crypto.toBase64(host.sign.publicKey),
      rosterSignature: null
    } as typeof real);
    await route.fulfill({ response, json: detail });
  });
  const grants: string[] = [];
  chair.on('request', (r) => {
    if (r.url().includes('/grant')) grants.push(r.postData() ?? '');
  });
  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toContainText(PROBLEM);
  await expect(chair.getByTestId('roster-problem')).toContainText(
    'The same person appears more than once'
  );
  // Nobody can be chosen, so nothing is sealed to anyone.
  const select = chair.getByLabel('Colleague', { exact: true });
  if ((await select.count()) > 0) {
    await expect(select.locator('option', { hasText: 'David Chen' })).toHaveCount(0);
  }
  expect(grants).toEqual([]);
});

test('reporter: a forged staff message signed by the duplicate is not shown as verified', async ({
  page
}) => {
  const forged = 'Please reply with your full name and phone number';
  const { organisationId, chairId } = await withHostDatabase(async (sql) => {
    const unit = await unitBySlug(sql, SLUG);
    const chair = await personByEmail(sql, 'chair@riverside.example');
    return { organisationId: unit.id, chairId: chair.id };
  });
  // The host holds the content key (as after a grant to the duplicate) and writes as the chair.
  const contentKey = await contentKeyOf(organisationId, caseKey);
  const entryId = globalThis.crypto.randomUUID();
  const ciphertext = crypto.encryptEntry({
    caseId,
    entryId,
    senderRole: 'staff',
    kind: 'message',
    key: contentKey,
    body: { text: forged, purpose: 'reply', stage: 1, writtenAt: new Date().toISOString() },
    signer: host.sign,
    prev: crypto.chainGenesis(caseId, 'case')
  });
  await withHostDatabase(
    (sql) => sql`insert into case_entries (id, case_id, kind, sender_kind, sender_person_id, epoch,
      ciphertext, created_on, created_at)
      values (${entryId}, ${caseId}, 'message', 'staff', ${chairId}, 0, ${ciphertext},
      current_date, now())`
  );
  await rewriteDocument(page, `/o/${SLUG}/case`, (html) =>
    duplicateMemberInHtml(html, chairId, { box: host.box.publicKey, sign: host.sign.publicKey })
  );
  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(caseKey);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByTestId('case-facts')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('roster-problem')).toContainText(PROBLEM);
  await expect(page.getByTestId('conversation')).not.toContainText(forged);
  await expect(page.getByTestId('conversation')).toContainText('could not confirm who wrote');
});
