import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { ready, verifyRosterEntry } from '$lib/crypto';
import type { BoxPublicKey, SignPublicKey } from '$lib/crypto';
import type { Database } from '../db';
import { credentials, organisations, people, signingKeyGrants } from '../db/schema';
import type { StaffSession } from '../auth/sessions';
import { rosterTags } from '$lib/routing';
import { teamsOf } from '../teams';
import { rolesOf } from './people';

/** Checks a roster signature the admin's browser made, against the unit key on file. */
export async function checkRosterSignature(
  db: Database,
  unitId: string,
  personId: string,
  signature: Uint8Array
): Promise<void> {
  await ready();
  const [unit] = await db
    .select({ key: organisations.signingPublicKey })
    .from(organisations)
    .where(eq(organisations.id, unitId));
  const [creds] = await db.select().from(credentials).where(eq(credentials.personId, personId));
  if (!unit?.key || !creds)
    error(409, { message: 'This person has no keys yet.', code: 'no_keys' });
  const ok = verifyRosterEntry(
    unit.key as SignPublicKey,
    {
      unitId,
      personId,
      // Team membership is signed as `team:<id>` tags in the roles list (docs/ROUTING.md).
      roles: rosterTags(await rolesOf(db, personId), await teamsOf(db, personId)),
      boxPublicKey: creds.boxPublicKey as BoxPublicKey,
      signPublicKey: creds.signPublicKey as SignPublicKey
    },
    signature
  );
  if (!ok) error(400, { message: 'The roster signature does not verify.', code: 'bad_signature' });
}

export async function storeRosterSignature(
  db: Database,
  admin: StaffSession,
  personId: string,
  signature: Uint8Array
): Promise<void> {
  const [person] = await db
    .select({ organisationId: people.organisationId })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.organisationId, admin.organisationId)));
  if (!person) error(404, { message: 'Not found', code: 'not_found' });
  await checkRosterSignature(db, admin.organisationId, personId, signature);
  await db
    .update(credentials)
    .set({ rosterSignature: signature, rosterSignedBy: admin.personId, rosterSignedAt: new Date() })
    .where(eq(credentials.personId, personId));
}

/** The unit signing key sealed to this admin, if they hold it. */
export async function signingKeyGrantFor(
  db: Database,
  staff: StaffSession
): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ sealed: signingKeyGrants.sealedSigningKey })
    .from(signingKeyGrants)
    .where(
      and(
        eq(signingKeyGrants.organisationId, staff.organisationId),
        eq(signingKeyGrants.personId, staff.personId)
      )
    );
  return row?.sealed ?? null;
}

export async function grantSigningKey(
  db: Database,
  admin: StaffSession,
  personId: string,
  sealedSigningKey: Uint8Array
): Promise<void> {
  const [person] = await db
    .select({ isAdmin: people.isAdmin })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.organisationId, admin.organisationId)));
  if (!person?.isAdmin) error(404, { message: 'Not found', code: 'not_found' });
  await db
    .insert(signingKeyGrants)
    .values({ organisationId: admin.organisationId, personId, sealedSigningKey })
    .onConflictDoUpdate({
      target: [signingKeyGrants.organisationId, signingKeyGrants.personId],
      set: { sealedSigningKey }
    });
}
