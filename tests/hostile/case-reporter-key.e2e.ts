// Finding 1: the host replaces the reporter's box key, then a holder removes a colleague through
// the real staff page. The new content key must never be sealed to the host's key.
import { expect, test } from '@playwright/test';
import { openSealedCaseKeys } from '../../src/lib/crypto/envelope';
import { generateBoxKeyPair } from '../../src/lib/crypto/primitives';
import { ready } from '../../src/lib/crypto/sodium';
import { withHostDatabase, CHAIR, fileReport, openFromInbox, signIn } from './case-support';

test('a replaced reporter box key is refused before anything is sealed to it', async ({
  page,
  browser
}) => {
  await ready();
  const { caseId } = await fileReport(page, 'reporter box key attack');
  const chair = await signIn(browser, CHAIR);
  await openFromInbox(chair, caseId);
  await chair.getByLabel('Colleague', { exact: true }).selectOption({ label: 'David Chen' });
  await chair.getByRole('button', { name: 'Give access' }).click();
  await expect(chair.getByTestId('holders')).toContainText('David Chen');

  const attacker = generateBoxKeyPair();
  await withHostDatabase(
    (sql) =>
      sql`update cases set reporter_box_public_key = ${Buffer.from(attacker.publicKey)} where id = ${caseId}`
  );
  await openFromInbox(chair, caseId);
  await chair.getByRole('button', { name: 'Remove access for David Chen' }).click();
  await expect(chair.getByTestId('refusal')).toContainText(
    'does not match the one in the reporter’s signed report'
  );
  await expect(chair.getByTestId('holders')).toContainText('David Chen');

  const rotated = await withHostDatabase(
    (sql) => sql`select sealed_key from case_keys where case_id = ${caseId} and epoch > 0`
  );
  for (const row of rotated) {
    expect(() => openSealedCaseKeys(new Uint8Array(row.sealed_key as Buffer), attacker)).toThrow();
  }
  expect(rotated).toHaveLength(0);
});
