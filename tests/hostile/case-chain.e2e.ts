// Finding 5: the host drops, reorders or forges entries of a case. Every reader checks the
// case's signed chain of entries and says so in words.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import {
  withHostDatabase,
  CHAIR,
  fileReport,
  openReporterCase,
  openFromInbox,
  reply,
  signIn
} from './case-support';

test.describe.configure({ mode: 'serial' });

/** A case with three replies from the chair; returns its id and key and the chair's tab. */
async function caseWithReplies(
  page: Page,
  browser: import('@playwright/test').Browser,
  label: string
) {
  const filed = await fileReport(page, `${label} attack`);
  const chair = await signIn(browser, CHAIR);
  await openFromInbox(chair, filed.caseId);
  for (const n of ['first', 'second', 'third']) await reply(chair, `${label} ${n} reply`);
  await expect(chair.getByTestId('chain-status')).toContainText('complete');
  return { ...filed, chair };
}

async function messageIds(caseId: string): Promise<{ id: string; seq: string }[]> {
  return withHostDatabase(
    (sql) =>
      sql<{ id: string; seq: string }[]>`select id, seq::text from case_entries
        where case_id = ${caseId} and sender_kind = 'staff' and kind = 'message' order by seq`
  );
}

test('a dropped entry is reported as missing, to staff and to the reporter', async ({
  page,
  browser
}) => {
  const { caseId, caseKey, chair } = await caseWithReplies(page, browser, 'dropped');
  const [, second] = await messageIds(caseId);
  await withHostDatabase((sql) => sql`delete from case_entries where id = ${second!.id}`);
  const reader = await signIn(browser, CHAIR);
  void chair;

  await openFromInbox(reader, caseId);
  await expect(reader.getByTestId('chain-status')).toContainText('An entry is missing');
  await expect(reader.getByTestId('conversation')).not.toContainText('dropped second reply');

  await openReporterCase(page, caseKey);
  await expect(page.getByTestId('chain-status')).toContainText('An entry is missing');
});

test('reordered entries are reported as out of order', async ({ page, browser }) => {
  const { caseId, caseKey, chair } = await caseWithReplies(page, browser, 'reordered');
  const [, second, third] = await messageIds(caseId);
  await withHostDatabase(async (sql) => {
    await sql`update case_entries set seq = -1 where id = ${second!.id}`;
    await sql`update case_entries set seq = ${second!.seq} where id = ${third!.id}`;
    await sql`update case_entries set seq = ${third!.seq} where id = ${second!.id}`;
  });

  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('chain-status')).toContainText('out of order');

  await openReporterCase(page, caseKey);
  await expect(page.getByTestId('chain-status')).toContainText('out of order');
});

test('a system entry the server made up is refused, never shown as a fact', async ({
  page,
  browser
}) => {
  const { caseId, caseKey, chair } = await caseWithReplies(page, browser, 'forged');
  const [coordinator] = await withHostDatabase(
    (sql) =>
      sql<{ id: string }[]>`select id from people where email = 'coordinator@riverside.example'`
  );
  const forged = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(JSON.stringify({ event: 'referred', personIds: [coordinator!.id] }))
  ]);
  await withHostDatabase(
    (
      sql
    ) => sql`insert into case_entries (id, case_id, kind, sender_kind, epoch, ciphertext, created_on)
      values (${randomUUID()}, ${caseId}, 'action', 'system', 0, ${forged}, current_date)`
  );

  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('chain-status')).toContainText('nobody signed');
  await expect(chair.getByTestId('conversation')).not.toContainText('referred to Priya Shah');

  await openReporterCase(page, caseKey);
  await expect(page.getByTestId('chain-status')).toContainText('nobody signed');
  await expect(page.getByTestId('conversation')).not.toContainText('Priya Shah');
});
