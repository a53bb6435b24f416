import argon2 from 'argon2';
import { error } from '@sveltejs/kit';
import { and, asc, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { fromBase64, ready, verifyRosterEntry } from '$lib/crypto';
import type { BoxPublicKey, SignPublicKey } from '$lib/crypto';
import type { Role } from '$lib/schemas/common';
import type { Enrolment } from '$lib/schemas/staff';
import { rosterTags } from '$lib/routing';
import type { Database } from '../db';
import { teamsByPerson, teamsOf } from '../teams';
import {
  caseKeys,
  cases,
  credentials,
  invitations,
  organisations,
  people,
  personRoles,
  sessions,
  signingKeyGrants
} from '../db/schema';
import { hashLoginSecret } from '../auth/login';
import { appendAudit } from '../audit';
import { hashToken, newToken } from '../auth/tokens';
import type { StaffSession } from '../auth/sessions';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export async function credentialValues(enrolment: Enrolment) {
  return {
    boxPublicKey: fromBase64(enrolment.boxPublicKey),
    signPublicKey: fromBase64(enrolment.signPublicKey),
    passwordSalt: fromBase64(enrolment.passwordSalt),
    passwordWrappedKeys: fromBase64(enrolment.passwordWrappedKeys),
    recoveryWrappedKeys: fromBase64(enrolment.recoveryWrappedKeys),
    loginHash: await hashLoginSecret(fromBase64(enrolment.loginSecret)),
    recoveryHash: await hashLoginSecret(fromBase64(enrolment.recoveryProof))
  };
}

export async function organisationCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return Number(row?.n ?? 0);
}

/** Everyone's roles in one query, sorted, for lists of people. */
export async function rolesByPerson(
  db: Database,
  personIds: string[]
): Promise<Map<string, Role[]>> {
  const byPerson = new Map<string, Role[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return byPerson;
  const rows = await db.select().from(personRoles).where(inArray(personRoles.personId, personIds));
  for (const row of rows) byPerson.get(row.personId)?.push(row.role);
  for (const roles of byPerson.values()) roles.sort();
  return byPerson;
}

export async function rolesOf(db: Database, personId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: personRoles.role })
    .from(personRoles)
    .where(eq(personRoles.personId, personId))
    .orderBy(asc(personRoles.role));
  return rows.map((row) => row.role);
}

/** Checks a roster signature the admin's browser made, against the unit key on file. */
async function checkRosterSignature(
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

/** A fresh link for someone already on the roster (lost password, no recovery code). */
export async function reinvitePerson(
  db: Database,
  admin: StaffSession,
  personId: string
): Promise<{ token: string; expiresAt: Date }> {
  const [person] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.organisationId, admin.organisationId)));
  if (!person) error(404, { message: 'Not found', code: 'not_found' });
  const { token, hash } = await newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  await db
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(invitations.personId, personId), isNull(invitations.usedAt)));
  await db
    .insert(invitations)
    .values({ personId, tokenHash: hash, createdBy: admin.personId, expiresAt });
  return { token, expiresAt };
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

export async function listPeople(db: Database, unitId: string) {
  const rows = await db
    .select({
      personId: people.id,
      displayName: people.displayName,
      email: people.email,
      status: people.status,
      isAdmin: people.isAdmin,
      boxPublicKey: credentials.boxPublicKey,
      signPublicKey: credentials.signPublicKey,
      rosterSignature: credentials.rosterSignature,
      hasTotp: credentials.totpSecret,
      holdsSigningKey: signingKeyGrants.personId
    })
    .from(people)
    .leftJoin(credentials, eq(credentials.personId, people.id))
    .leftJoin(
      signingKeyGrants,
      and(eq(signingKeyGrants.personId, people.id), eq(signingKeyGrants.organisationId, unitId))
    )
    .where(eq(people.organisationId, unitId))
    .orderBy(asc(people.displayName));
  const roles = await rolesByPerson(
    db,
    rows.map((row) => row.personId)
  );
  const teams = await teamsByPerson(
    db,
    rows.map((row) => row.personId)
  );
  return rows.map((row) => ({
    ...row,
    hasTotp: Boolean(row.hasTotp),
    holdsSigningKey: Boolean(row.holdsSigningKey),
    roles: roles.get(row.personId) ?? [],
    teams: teams.get(row.personId) ?? []
  }));
}

export async function updatePerson(
  db: Database,
  admin: StaffSession,
  personId: string,
  input: { status?: 'active' | 'on_leave' | 'removed'; roles?: Role[]; isAdmin?: boolean }
): Promise<void> {
  await db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: people.id, status: people.status })
      .from(people)
      .where(and(eq(people.id, personId), eq(people.organisationId, admin.organisationId)));
    if (!person) error(404, { message: 'Not found', code: 'not_found' });
    if (personId === admin.personId && (input.isAdmin === false || input.status === 'removed')) {
      const [others] = await tx
        .select({ n: count() })
        .from(people)
        .where(
          and(
            eq(people.organisationId, admin.organisationId),
            eq(people.isAdmin, true),
            ne(people.id, admin.personId),
            ne(people.status, 'removed')
          )
        );
      if (Number(others?.n ?? 0) === 0) {
        error(409, { message: 'Another administrator is needed first.', code: 'last_admin' });
      }
    }
    if (input.status) {
      if (person.status === 'invited' && input.status !== 'removed') {
        error(409, {
          message: 'This person has not accepted the invitation yet.',
          code: 'invited'
        });
      }
      await tx.update(people).set({ status: input.status }).where(eq(people.id, personId));
    }
    if (input.isAdmin !== undefined) {
      await tx.update(people).set({ isAdmin: input.isAdmin }).where(eq(people.id, personId));
      if (!input.isAdmin)
        await tx.delete(signingKeyGrants).where(eq(signingKeyGrants.personId, personId));
    }
    if (input.roles) {
      await tx.delete(personRoles).where(eq(personRoles.personId, personId));
      await tx
        .insert(personRoles)
        .values([...new Set(input.roles)].map((role) => ({ personId, role })));
      // Roles are part of the signed roster entry: an admin signs the new entry.
      await tx
        .update(credentials)
        .set({ rosterSignature: null, rosterSignedBy: null, rosterSignedAt: null })
        .where(eq(credentials.personId, personId));
    }
    if (input.status === 'removed') {
      await tx.delete(sessions).where(eq(sessions.personId, personId));
    }
  });
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

export async function verifyRecoveryProof(db: Database, email: string, proof: Uint8Array) {
  const [row] = await db
    .select({
      personId: people.id,
      status: people.status,
      recoveryHash: credentials.recoveryHash,
      wrapped: credentials.recoveryWrappedKeys
    })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(eq(people.email, email));
  if (!row || row.status === 'removed') return null;
  if (!(await argon2.verify(row.recoveryHash, Buffer.from(proof)))) return null;
  return { personId: row.personId, recoveryWrappedKeys: row.wrapped };
}
