import { error } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { fromBase64 } from '$lib/crypto';
import type { Role } from '$lib/schemas/common';
import type { Enrolment } from '$lib/schemas/staff';
import type { Database } from '../db';
import {
  caseKeys,
  cases,
  credentials,
  invitations,
  organisations,
  people,
  personRoles,
  signingKeyGrants
} from '../db/schema';
import { appendAudit } from '../audit';
import { newToken, hashToken } from '../auth/tokens';
import type { StaffSession } from '../auth/sessions';
import { credentialValues } from './credentials';
import { rolesOf } from './people';
import { checkRosterSignature } from './signing';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export async function invitePerson(
  db: Database,
  admin: StaffSession,
  input: { displayName: string; email: string; roles: Role[]; isAdmin: boolean }
): Promise<{ personId: string; token: string; expiresAt: Date }> {
  const { token, hash } = await newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.email, input.email));
    if (existing)
      error(409, { message: 'That email already has an account.', code: 'email_taken' });
    const [person] = await tx
      .insert(people)
      .values({
        organisationId: admin.organisationId,
        displayName: input.displayName,
        email: input.email,
        status: 'invited',
        isAdmin: input.isAdmin
      })
      .returning({ id: people.id });
    await tx
      .insert(personRoles)
      .values([...new Set(input.roles)].map((role) => ({ personId: person!.id, role })));
    await tx
      .insert(invitations)
      .values({ personId: person!.id, tokenHash: hash, createdBy: admin.personId, expiresAt });
    return { personId: person!.id, token, expiresAt };
  });
}

async function liveInvitation(db: Database, token: string) {
  const hash = await hashToken(token);
  if (!hash) return null;
  const [row] = await db
    .select({
      invitationId: invitations.id,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      personId: people.id,
      displayName: people.displayName,
      email: people.email,
      status: people.status,
      isAdmin: people.isAdmin,
      unitId: organisations.id,
      unitName: organisations.name,
      unitHasSigningKey: organisations.signingPublicKey
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(invitations.tokenHash, hash));
  if (!row || row.usedAt || row.expiresAt.getTime() < Date.now() || row.status === 'removed')
    return null;
  return row;
}

export async function invitationDetails(db: Database, token: string) {
  const row = await liveInvitation(db, token);
  if (!row) return null;
  return {
    personId: row.personId,
    unitId: row.unitId,
    displayName: row.displayName,
    email: row.email,
    unitName: row.unitName,
    roles: await rolesOf(db, row.personId),
    /** The unit's first admin makes its signing key in their browser as they accept. */
    foundsUnit: row.isAdmin && row.unitHasSigningKey === null
  };
}

export interface FoundingKeys {
  signingPublicKey: string;
  sealedSigningKey: string;
  rosterSignature: string;
}

/**
 * The invitee's browser has made their keys. Their old keys (if re-invited) are replaced and the
 * roster signature cleared until an admin signs the new keys.
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  enrolment: Enrolment,
  founding?: FoundingKeys
): Promise<string> {
  const row = await liveInvitation(db, token);
  if (!row)
    error(410, {
      message: 'This invitation has expired or was already used.',
      code: 'invitation_gone'
    });
  const values = await credentialValues(enrolment);
  await db.transaction(async (tx) => {
    await forgetStaleCaseKeys(tx as unknown as Database, row.personId);
    const used = await tx
      .update(invitations)
      .set({ usedAt: new Date() })
      .where(and(eq(invitations.id, row.invitationId), isNull(invitations.usedAt)))
      .returning({ id: invitations.id });
    if (used.length === 0)
      error(410, { message: 'This invitation was already used.', code: 'invitation_gone' });
    await tx
      .insert(credentials)
      .values({ personId: row.personId, ...values })
      .onConflictDoUpdate({
        target: credentials.personId,
        set: {
          ...values,
          rosterSignature: null,
          rosterSignedBy: null,
          rosterSignedAt: null,
          totpSecret: null,
          updatedAt: new Date()
        }
      });
    await tx.delete(signingKeyGrants).where(eq(signingKeyGrants.personId, row.personId));
    await tx
      .update(people)
      .set({ status: row.status === 'invited' ? 'active' : row.status })
      .where(eq(people.id, row.personId));
    if (row.isAdmin && row.unitHasSigningKey === null) {
      if (!founding) {
        error(400, { message: 'The unit signing key is missing.', code: 'invalid' });
      }
      await foundUnit(tx as unknown as Database, row.unitId, row.personId, founding);
    }
  });
  return row.personId;
}

/**
 * A re-invited person gets new key pairs, so every case key sealed to their old ones is useless.
 * Those rows go, and each case's timeline says so: a colleague who holds the case can then share
 * it again with the new keys (an ordinary grant, refused for anyone the report names).
 */
async function forgetStaleCaseKeys(db: Database, personId: string): Promise<void> {
  const held = await db
    .selectDistinct({ caseId: caseKeys.caseId, organisationId: cases.organisationId })
    .from(caseKeys)
    .innerJoin(cases, eq(cases.id, caseKeys.caseId))
    .where(and(eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn)));
  if (held.length === 0) return;
  await db.delete(caseKeys).where(eq(caseKeys.personId, personId));
  const day = new Date().toISOString().slice(0, 10);
  for (const { caseId, organisationId } of held) {
    await appendAudit(db, {
      organisationId,
      caseId,
      actorKind: 'system',
      actorPersonId: null,
      action: 'case.keys_reset',
      detail: { personIds: [personId] },
      occurredOn: day,
      occurredAt: new Date()
    });
  }
}

/** Stores a new unit's signing key, made in its first admin's browser, with their roster entry. */
async function foundUnit(db: Database, unitId: string, personId: string, founding: FoundingKeys) {
  const claimed = await db
    .update(organisations)
    .set({ signingPublicKey: fromBase64(founding.signingPublicKey) })
    .where(and(eq(organisations.id, unitId), isNull(organisations.signingPublicKey)))
    .returning({ id: organisations.id });
  if (claimed.length === 0) {
    error(409, { message: 'This unit already has a signing key.', code: 'conflict' });
  }
  await db.insert(signingKeyGrants).values({
    organisationId: unitId,
    personId,
    sealedSigningKey: fromBase64(founding.sealedSigningKey)
  });
  const signature = fromBase64(founding.rosterSignature);
  await checkRosterSignature(db, unitId, personId, signature);
  await db
    .update(credentials)
    .set({ rosterSignature: signature, rosterSignedBy: personId, rosterSignedAt: new Date() })
    .where(eq(credentials.personId, personId));
}
