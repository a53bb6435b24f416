import { expect, test, type Page } from '@playwright/test';
import {
  PROBLEM,
  SLUG,
  crypto,
  fileReport,
  insertMemberInHtml,
  openFromInbox,
  personByEmail,
  reportToPreview,
  rewriteDocument,
  signIn,
  withHostDatabase
} from './roster-support';

// Finding 4: a removed person's signed entry (and the older list that had them), served again.
test.describe.configure({ mode: 'serial' });

const REMOVED = 'samuel.adeyemi@riverside.example';
let admin: Page;
let chair: Page;
let caseId = '';
let personId = '';
let oldList: { list: Uint8Array | null; version: number } = { list: null, version: 0 };

test.beforeAll(async () => {
  await crypto.ready();
});

async function storedList() {
  return withHostDatabase(async (sql) => {
    const [row] = await sql`select * from organisations where slug = ${SLUG}`;
    return {
      list: (row?.roster_list ?? null) as Uint8Array | null,
      version: Number(row?.roster_list_version ?? 0)
    };
  });
}

test('an admin removes a person; the chair’s browser sees the new list', async ({
  browser,
  page
}) => {
  ({ caseId } = await fileReport(page));
  admin = await signIn(browser, 'admin@riverside.example');
  chair = await signIn(browser, 'chair@riverside.example');
  await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  const card = admin.getByTestId(`person-${REMOVED}`);
  await expect(card).toContainText('Active', { timeout: 30_000 });
  oldList = await storedList();
  admin.once('dialog', (dialog) => void dialog.accept());
  await card.getByRole('button', { name: 'Remove' }).click();
  await expect(card).toContainText('Removed');
  // The admin's browser signs a new list without them.
  await expect.poll(async () => (await storedList()).version).toBeGreaterThan(oldList.version);
  const person = await withHostDatabase((sql) => personByEmail(sql, REMOVED));
  personId = person.id;
  expect(person.roster_signature).not.toBeNull();
  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toHaveCount(0);
});

test('reporter: the removed person served again, signed entry and all, is refused', async ({
  page
}) => {
  const { person, organisationId, chairId } = await withHostDatabase(async (sql) => {
    const [org] = await sql`select id from organisations where slug = ${SLUG}`;
    const [roles] = await sql`select array_agg(role::text) as roles from person_roles
      where person_id = ${personId}`;
    const chair = await personByEmail(sql, 'chair@riverside.example');
    return {
      person: { ...(await personByEmail(sql, REMOVED)), roles: roles!.roles as string[] },
      organisationId: org!.id as string,
      chairId: chair.id
    };
  });
  await rewriteDocument(page, `/o/${SLUG}/report`, (html) =>
    insertMemberInHtml(html, chairId, {
      personId,
      unitId: organisationId,
      displayName: person.display_name,
      roles: person.roles,
      boxPublicKey: person.box_public_key,
      signPublicKey: person.sign_public_key,
      rosterSignature: person.roster_signature
    })
  );
  await reportToPreview(page);
  await expect(page.getByTestId('roster-problem').first()).toContainText(PROBLEM);
  await expect(page.getByTestId('roster-problem').first()).toContainText(
    'not on the signed list of people'
  );
  await expect(page.getByTestId('send-report')).toHaveCount(0);
});

test('staff: the older list that still had them is refused by a browser that saw the newer one', async () => {
  const current = await storedList();
  await withHostDatabase(async (sql) => {
    await sql`update people set status = 'active' where id = ${personId}`;
    await sql`update organisations set roster_list = ${oldList.list},
      roster_list_version = ${oldList.version} where slug = ${SLUG}`;
  });
  try {
    await openFromInbox(chair, caseId);
    await expect(chair.getByTestId('roster-problem')).toContainText(PROBLEM);
    await expect(chair.getByTestId('roster-problem')).toContainText(
      'older than a list this browser has already seen'
    );
  } finally {
    await withHostDatabase(async (sql) => {
      await sql`update people set status = 'removed' where id = ${personId}`;
      await sql`update organisations set roster_list = ${current.list},
        roster_list_version = ${current.version} where slug = ${SLUG}`;
    });
  }
});

test('the admin puts them back, signing a newer list', async () => {
  const response = await admin.request.patch(`/staff/api/people/${personId}`, {
    data: { status: 'active' }
  });
  expect(response.ok()).toBe(true);
  const removed = await storedList();
  await admin.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  await expect(admin.getByTestId(`person-${REMOVED}`)).toContainText('Active', {
    timeout: 30_000
  });
  await expect.poll(async () => (await storedList()).version).toBeGreaterThan(removed.version);
  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toHaveCount(0);
});
