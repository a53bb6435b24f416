import { error } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import { fromBase64 } from '$lib/crypto';
import type { Role } from '$lib/schemas/common';
import type { Enrolment } from '$lib/schemas/staff';
import type { Database } from '../db';
import { credentials, organisations, people, personRoles, signingKeyGrants } from '../db/schema';
import { credentialValues } from './credentials';
import { checkRosterSignature } from './signing';

export async function organisationCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return Number(row?.n ?? 0);
}

export interface SetupInput {
  organisation: { id: string; name: string; slug: string; policy: unknown };
  admin: { id: string; displayName: string; email: string; roles: Role[] };
  enrolment: Enrolment;
  unit: { signingPublicKey: string; sealedSigningKey: string; adminRosterSignature: string };
  kind?: 'organisation' | 'naccc' | 'lado' | 'childrens_services' | 'other_body';
}

/**
 * Creates a unit (organisation or external body) with its first admin, whose browser made the
 * unit signing key. Used by first-run set-up and by the host adding more units.
 */
export async function createUnitWithAdmin(
  db: Database,
  input: SetupInput,
  options: { isHost: boolean }
): Promise<{ unitId: string; personId: string }> {
  const values = await credentialValues(input.enrolment);
  return db.transaction(async (tx) => {
    const [existingSlug] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, input.organisation.slug));
    if (existingSlug) error(409, { message: 'That web address is taken.', code: 'slug_taken' });
    const [existingEmail] = await tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.email, input.admin.email));
    if (existingEmail)
      error(409, { message: 'That email already has an account.', code: 'email_taken' });
    const [unit] = await tx
      .insert(organisations)
      .values({
        id: input.organisation.id,
        slug: input.organisation.slug,
        name: input.organisation.name,
        kind: input.kind ?? 'organisation',
        policy: input.organisation.policy,
        signingPublicKey: fromBase64(input.unit.signingPublicKey)
      })
      .returning({ id: organisations.id });
    const [person] = await tx
      .insert(people)
      .values({
        id: input.admin.id,
        organisationId: unit!.id,
        displayName: input.admin.displayName,
        email: input.admin.email,
        status: 'active',
        isAdmin: true,
        isHost: options.isHost
      })
      .returning({ id: people.id });
    if (input.admin.roles.length > 0) {
      await tx
        .insert(personRoles)
        .values([...new Set(input.admin.roles)].map((role) => ({ personId: person!.id, role })));
    }
    await tx.insert(credentials).values({ personId: person!.id, ...values });
    await tx.insert(signingKeyGrants).values({
      organisationId: unit!.id,
      personId: person!.id,
      sealedSigningKey: fromBase64(input.unit.sealedSigningKey)
    });
    await checkRosterSignature(
      tx as unknown as Database,
      unit!.id,
      person!.id,
      fromBase64(input.unit.adminRosterSignature)
    );
    await tx
      .update(credentials)
      .set({
        rosterSignature: fromBase64(input.unit.adminRosterSignature),
        rosterSignedBy: person!.id,
        rosterSignedAt: new Date()
      })
      .where(eq(credentials.personId, person!.id));
    return { unitId: unit!.id, personId: person!.id };
  });
}
