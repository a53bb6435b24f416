import { and, eq } from 'drizzle-orm';
import { toBase64 } from '$lib/crypto';
import type { Database } from '../db';
import { credentials, organisations, people, signingKeyGrants } from '../db/schema';
import { mustEnrolTotp } from '../auth/second-factor-policy';
import { rolesOf } from './accounts';

/** What a signed-in browser needs to unlock its keys: all of it wrapped or public. */
export async function staffKeyMaterial(db: Database, personId: string) {
  const [row] = await db
    .select({
      personId: people.id,
      displayName: people.displayName,
      email: people.email,
      isAdmin: people.isAdmin,
      isHost: people.isHost,
      unitId: organisations.id,
      unitName: organisations.name,
      unitSlug: organisations.slug,
      unitKind: organisations.kind,
      unitSigningPublicKey: organisations.signingPublicKey,
      unitRequireTotp: organisations.requireTotp,
      unitSafeguardingTotpOff: organisations.safeguardingTotpOff,
      passwordSalt: credentials.passwordSalt,
      passwordWrappedKeys: credentials.passwordWrappedKeys,
      boxPublicKey: credentials.boxPublicKey,
      signPublicKey: credentials.signPublicKey,
      hasTotp: credentials.totpSecret
    })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, personId));
  if (!row) throw new Error('signed-in person has no credentials');
  const [grant] = await db
    .select({ sealed: signingKeyGrants.sealedSigningKey })
    .from(signingKeyGrants)
    .where(
      and(eq(signingKeyGrants.personId, personId), eq(signingKeyGrants.organisationId, row.unitId))
    );
  return {
    person: {
      id: row.personId,
      displayName: row.displayName,
      email: row.email,
      isAdmin: row.isAdmin,
      isHost: row.isHost,
      roles: await rolesOf(db, personId),
      hasTotp: Boolean(row.hasTotp),
      mustEnrolTotp: await mustEnrolTotp(db, personId)
    },
    unit: {
      id: row.unitId,
      name: row.unitName,
      slug: row.unitSlug,
      kind: row.unitKind,
      requireTotp: row.unitRequireTotp,
      safeguardingTotpOff: row.unitSafeguardingTotpOff,
      signingPublicKey: row.unitSigningPublicKey ? toBase64(row.unitSigningPublicKey) : null
    },
    passwordSalt: toBase64(row.passwordSalt),
    passwordWrappedKeys: toBase64(row.passwordWrappedKeys),
    boxPublicKey: toBase64(row.boxPublicKey),
    signPublicKey: toBase64(row.signPublicKey),
    sealedSigningKey: grant ? toBase64(grant.sealed) : null
  };
}

export type StaffKeyMaterial = Awaited<ReturnType<typeof staffKeyMaterial>>;
