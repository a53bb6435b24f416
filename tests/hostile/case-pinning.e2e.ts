// A returning reporter's case remembers the organisation's key it was sent under. The host
// swaps the organisation's key and re-signs the whole roster with a key of its own.
import { expect, test } from '@playwright/test';
import { generateSignKeyPair } from '../../src/lib/crypto/primitives';
import { signRosterEntry } from '../../src/lib/crypto/roster';
import { ready } from '../../src/lib/crypto/sodium';
import type { BoxPublicKey, SignPublicKey } from '../../src/lib/crypto/types';
import { withHostDatabase, fileReport, openReporterCase, SLUG } from './case-support';

test('a returning reporter refuses a roster signed under another organisation key', async ({
  page
}) => {
  await ready();
  const { caseKey } = await fileReport(page, 'organisation key attack');
  const forged = generateSignKeyPair();
  const saved = await withHostDatabase(async (sql) => {
    const [unit] = await sql<{ id: string; key: Buffer }[]>`
      select id, signing_public_key as key from organisations where slug = ${SLUG}`;
    const members = await sql<
      { person_id: string; box: Buffer; sign: Buffer; signature: Buffer | null; roles: string[] }[]
    >`select c.person_id, c.box_public_key as box, c.sign_public_key as sign,
        c.roster_signature as signature,
        coalesce(array(select r.role::text from person_roles r where r.person_id = c.person_id), '{}') as roles
      from credentials c join people p on p.id = c.person_id where p.organisation_id = ${unit!.id}`;
    await sql`update organisations set signing_public_key = ${Buffer.from(forged.publicKey)}
      where id = ${unit!.id}`;
    for (const m of members) {
      const signature = signRosterEntry(forged.privateKey, {
        unitId: unit!.id,
        personId: m.person_id,
        roles: m.roles,
        boxPublicKey: new Uint8Array(m.box) as BoxPublicKey,
        signPublicKey: new Uint8Array(m.sign) as SignPublicKey
      });
      await sql`update credentials set roster_signature = ${Buffer.from(signature)}
        where person_id = ${m.person_id}`;
    }
    return { unit: unit!, members };
  });
  try {
    await openReporterCase(page, caseKey);
    await expect(page.getByTestId('pin-refusal')).toContainText(
      'organisation’s key is not the one your report was sent under'
    );
    await expect(page.getByTestId('further-options')).toHaveCount(0);
  } finally {
    await withHostDatabase(async (sql) => {
      await sql`update organisations set signing_public_key = ${saved.unit.key}
        where id = ${saved.unit.id}`;
      for (const m of saved.members) {
        await sql`update credentials set roster_signature = ${m.signature}
          where person_id = ${m.person_id}`;
      }
    });
  }
});
