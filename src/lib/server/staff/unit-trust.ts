import { error } from '@sveltejs/kit';
import { and, eq, or } from 'drizzle-orm';
import {
  concatBytes,
  constantTimeEqual,
  openRosterList,
  ready,
  toBase64,
  unitKeyFollowsFrom,
  verifyUnitLink,
  type SignPublicKey,
  type UnitLink
} from '$lib/crypto';
import { rosterTags } from '$lib/routing';
import type { Database } from '../db';
import { teamsByPerson } from '../teams';
import { credentials, organisations, people, signingKeyGrants, unitLinks } from '../db/schema';
import type { StaffSession } from '../auth/sessions';
import { rolesByPerson } from './accounts';

/*
 * The server stores what admins' browsers sign (docs/PROTOCOL.md §6) and checks it only to keep
 * honest data consistent: browsers trust none of it until they have verified it themselves.
 */

async function unitRow(db: Database, unitId: string) {
  const [unit] = await db.select().from(organisations).where(eq(organisations.id, unitId));
  if (!unit) error(404, { message: 'Not found', code: 'not_found' });
  return unit;
}

/**
 * Stores a newer roster list for the admin's unit. Refused unless it verifies under the unit key,
 * its version is above the stored one, and every member on it is a current person of the unit
 * with exactly the keys, roles and name on file.
 */
export async function storeRosterList(
  db: Database,
  admin: StaffSession,
  signed: Uint8Array
): Promise<{ version: number }> {
  await ready();
  const unit = await unitRow(db, admin.organisationId);
  if (!unit.signingPublicKey) error(409, { message: 'No unit key yet.', code: 'no_keys' });
  const version = await checkRosterList(db, unit, unit.signingPublicKey, signed);
  const stored = await db
    .update(organisations)
    .set({ rosterList: signed, rosterListVersion: version })
    .where(
      and(
        eq(organisations.id, unit.id),
        eq(organisations.rosterListVersion, unit.rosterListVersion)
      )
    )
    .returning({ id: organisations.id });
  if (stored.length === 0) {
    error(409, { message: 'A newer roster list is already stored.', code: 'conflict' });
  }
  return { version };
}

async function checkRosterList(
  db: Database,
  unit: { id: string; rosterListVersion: number },
  unitKey: Uint8Array,
  signed: Uint8Array
): Promise<number> {
  let list;
  try {
    list = openRosterList(unitKey as SignPublicKey, unit.id, signed);
  } catch {
    error(400, { message: 'The roster list does not verify.', code: 'bad_signature' });
  }
  if (list.version <= unit.rosterListVersion) {
    error(409, { message: 'A newer roster list is already stored.', code: 'conflict' });
  }
  const rows = await db
    .select({
      personId: people.id,
      displayName: people.displayName,
      status: people.status,
      box: credentials.boxPublicKey,
      sign: credentials.signPublicKey
    })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(eq(people.organisationId, unit.id));
  const byId = new Map(rows.map((row) => [row.personId, row]));
  const roles = await rolesByPerson(
    db,
    rows.map((row) => row.personId)
  );
  const teams = await teamsByPerson(
    db,
    rows.map((row) => row.personId)
  );
  // The list's roles hold team membership as `team:<id>` tags (docs/ROUTING.md).
  const tagsOf = (id: string) =>
    rosterTags(roles.get(id) ?? [], teams.get(id) ?? [])
      .sort()
      .join();
  for (const member of list.members) {
    const row = byId.get(member.personId);
    const same =
      row &&
      row.status === member.status &&
      row.displayName === member.displayName &&
      constantTimeEqual(row.box, member.boxPublicKey) &&
      constantTimeEqual(row.sign, member.signPublicKey) &&
      tagsOf(member.personId) === [...member.roles].sort().join();
    if (!same) {
      error(409, { message: 'The roster list does not match the people on file.', code: 'stale' });
    }
  }
  return list.version;
}

/** The admin's unit's current list and key history, for the admin's browser to build on. */
export async function rosterListOf(db: Database, unitId: string) {
  const unit = await unitRow(db, unitId);
  return {
    rosterList: unit.rosterList ? toBase64(unit.rosterList) : null,
    rosterListVersion: unit.rosterListVersion
  };
}

/** Every link of the admin's unit, with the other unit's key and both signatures. */
export async function linksOf(db: Database, unitId: string) {
  const links = await db
    .select()
    .from(unitLinks)
    .where(or(eq(unitLinks.organisationId, unitId), eq(unitLinks.bodyId, unitId)));
  const units = new Map((await db.select().from(organisations)).map((u) => [u.id, u]));
  return links.flatMap((link) => {
    const organisation = units.get(link.organisationId);
    const body = units.get(link.bodyId);
    if (!organisation || !body) return [];
    return [
      {
        organisationId: organisation.id,
        organisationName: organisation.name,
        organisationKey: organisation.signingPublicKey
          ? toBase64(organisation.signingPublicKey)
          : null,
        bodyId: body.id,
        bodyName: body.name,
        bodyKind: body.kind,
        bodyKey: body.signingPublicKey ? toBase64(body.signingPublicKey) : null,
        organisationSignature: link.organisationSignature
          ? toBase64(link.organisationSignature)
          : null,
        bodySignature: link.bodySignature ? toBase64(link.bodySignature) : null
      }
    ];
  });
}

/** The link as both sides sign it, from what is on file. */
function linkFor(
  organisation: { id: string; signingPublicKey: Uint8Array | null },
  body: { id: string; kind: string; name: string; signingPublicKey: Uint8Array | null }
): UnitLink | null {
  if (!organisation.signingPublicKey || !body.signingPublicKey) return null;
  return {
    organisationId: organisation.id,
    organisationKey: organisation.signingPublicKey as SignPublicKey,
    bodyId: body.id,
    bodyKind: body.kind,
    bodyName: body.name,
    bodyKey: body.signingPublicKey as SignPublicKey
  };
}

/** An admin signs their own unit's side of a link with its unit key. */
export async function storeLinkSignature(
  db: Database,
  admin: StaffSession,
  otherUnitId: string,
  signature: Uint8Array
): Promise<void> {
  await ready();
  const mine = await unitRow(db, admin.organisationId);
  const other = await unitRow(db, otherUnitId);
  const [organisation, body] = mine.kind === 'organisation' ? [mine, other] : [other, mine];
  const [row] = await db
    .select()
    .from(unitLinks)
    .where(and(eq(unitLinks.organisationId, organisation.id), eq(unitLinks.bodyId, body.id)));
  const link = linkFor(organisation, body);
  if (!row || !link) error(404, { message: 'Not found', code: 'not_found' });
  if (!verifyUnitLink(mine.signingPublicKey as SignPublicKey, link, signature)) {
    error(400, { message: 'The link signature does not verify.', code: 'bad_signature' });
  }
  await db
    .update(unitLinks)
    .set(
      mine.id === organisation.id
        ? { organisationSignature: signature }
        : { bodySignature: signature }
    )
    .where(and(eq(unitLinks.organisationId, organisation.id), eq(unitLinks.bodyId, body.id)));
}

/**
 * An admin replaces the unit key: the old key signs the new one, the new key signs a newer
 * roster list (per-person entries under the old key are no longer read once a list exists), and the new key is sealed to this admin only (others get it shared again). The
 * unit's links are cleared on both sides, to be signed again by both.
 */
export async function replaceSigningKey(
  db: Database,
  admin: StaffSession,
  input: {
    signingPublicKey: Uint8Array;
    transition: Uint8Array;
    sealedSigningKey: Uint8Array;
    rosterList: Uint8Array;
  }
): Promise<void> {
  await ready();
  const unit = await unitRow(db, admin.organisationId);
  if (!unit.signingPublicKey) error(409, { message: 'No unit key yet.', code: 'no_keys' });
  const ok = unitKeyFollowsFrom(
    unit.id,
    unit.signingPublicKey as SignPublicKey,
    input.signingPublicKey as SignPublicKey,
    input.transition
  );
  if (!ok || constantTimeEqual(unit.signingPublicKey, input.signingPublicKey)) {
    error(400, { message: 'The key transition does not verify.', code: 'bad_signature' });
  }
  const version = await checkRosterList(db, unit, input.signingPublicKey, input.rosterList);
  await db.transaction(async (tx) => {
    await tx
      .update(organisations)
      .set({
        signingPublicKey: input.signingPublicKey,
        signingKeyTransitions: unit.signingKeyTransitions
          ? concatBytes(unit.signingKeyTransitions, input.transition)
          : input.transition,
        rosterList: input.rosterList,
        rosterListVersion: version
      })
      .where(eq(organisations.id, unit.id));
    await tx.delete(signingKeyGrants).where(eq(signingKeyGrants.organisationId, unit.id));
    await tx.insert(signingKeyGrants).values({
      organisationId: unit.id,
      personId: admin.personId,
      sealedSigningKey: input.sealedSigningKey
    });
    // Both sides signed the old key: each link is signed again by both before it is offered.
    await tx
      .update(unitLinks)
      .set({ organisationSignature: null, bodySignature: null })
      .where(or(eq(unitLinks.organisationId, unit.id), eq(unitLinks.bodyId, unit.id)));
  });
}
