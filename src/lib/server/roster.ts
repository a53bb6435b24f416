import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { openRosterList, ready, toBase64, type SignPublicKey } from '$lib/crypto';
import { policySchema } from '$lib/routing';
import { slugParamsSchema } from '$lib/schemas/cases';
import type { Role, UnitKind } from '$lib/schemas/common';
import type { Database } from './db';
import { credentials, organisations, people, unitLinks } from './db/schema';
import { rolesByPerson } from './staff/accounts';
import { teamsByPerson } from './teams';
import { notFound, validateParams } from './http';

/** One person as a browser sees them before encrypting: keys and the unit's signature over them. */
export interface PublicRosterMember {
  personId: string;
  unitId: string;
  displayName: string;
  roles: Role[];
  /** Team ids; signed with the roles as `team:<id>` tags (docs/ROUTING.md). */
  teams: string[];
  status: 'active' | 'on_leave';
  boxPublicKey: string;
  signPublicKey: string;
  rosterSignature: string | null;
}

export interface PublicUnit {
  id: string;
  slug: string;
  name: string;
  kind: UnitKind;
  signingPublicKey: string | null;
  /** The unit key's signed hand-overs, oldest first, for browsers that pinned an earlier key. */
  signingKeyTransitions: string | null;
  /** The newest signed roster list (docs/PROTOCOL.md §3); null for a unit that has none yet. */
  rosterList: string | null;
  /** For an external body: both units' signatures over its link to the organisation. */
  link: { organisationSignature: string | null; bodySignature: string | null } | null;
  members: PublicRosterMember[];
}

type UnitRow = {
  id: string;
  slug: string;
  name: string;
  kind: UnitKind;
  signingPublicKey: Uint8Array | null;
  signingKeyTransitions: Uint8Array | null;
  rosterList: Uint8Array | null;
};

/**
 * Who an honest server serves: the people on the unit's signed roster list, or (for a unit with
 * no list yet) those whose keys an admin signed. Browsers check this again themselves.
 */
function servable(unit: UnitRow, members: PublicRosterMember[]): PublicRosterMember[] {
  const own = members.filter((m) => m.unitId === unit.id);
  if (!unit.rosterList || !unit.signingPublicKey) {
    return own.filter((m) => m.rosterSignature !== null);
  }
  try {
    const list = openRosterList(unit.signingPublicKey as SignPublicKey, unit.id, unit.rosterList);
    const listed = new Set(list.members.map((m) => m.personId));
    return own.filter((m) => listed.has(m.personId));
  } catch {
    return [];
  }
}

async function membersOf(db: Database, unitIds: string[]): Promise<PublicRosterMember[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({
      personId: people.id,
      unitId: people.organisationId,
      displayName: people.displayName,
      status: people.status,
      boxPublicKey: credentials.boxPublicKey,
      signPublicKey: credentials.signPublicKey,
      rosterSignature: credentials.rosterSignature
    })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(
      and(inArray(people.organisationId, unitIds), inArray(people.status, ['active', 'on_leave']))
    )
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
    personId: row.personId,
    unitId: row.unitId,
    displayName: row.displayName,
    status: row.status as 'active' | 'on_leave',
    roles: roles.get(row.personId) ?? [],
    teams: teams.get(row.personId) ?? [],
    boxPublicKey: toBase64(row.boxPublicKey),
    signPublicKey: toBase64(row.signPublicKey),
    rosterSignature: row.rosterSignature ? toBase64(row.rosterSignature) : null
  }));
}

/**
 * The organisation and the external bodies that serve it, with everyone who could be routed a
 * case. Public: reporters need it to choose recipients, and it holds only names, roles and keys.
 */
export async function publicRoster(db: Database, slug: string) {
  await ready();
  const [unit] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.slug, slug), eq(organisations.kind, 'organisation')));
  if (!unit) return null;
  const bodies = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      signingPublicKey: organisations.signingPublicKey,
      signingKeyTransitions: organisations.signingKeyTransitions,
      rosterList: organisations.rosterList,
      organisationSignature: unitLinks.organisationSignature,
      bodySignature: unitLinks.bodySignature
    })
    .from(unitLinks)
    .innerJoin(organisations, eq(organisations.id, unitLinks.bodyId))
    .where(and(eq(unitLinks.organisationId, unit.id), ne(organisations.kind, 'organisation')))
    .orderBy(asc(organisations.name));
  const members = await membersOf(db, [unit.id, ...bodies.map((body) => body.id)]);
  const b64 = (bytes: Uint8Array | null) => (bytes ? toBase64(bytes) : null);
  const toPublic = (u: UnitRow, link: PublicUnit['link']): PublicUnit => ({
    id: u.id,
    slug: u.slug,
    name: u.name,
    kind: u.kind,
    signingPublicKey: b64(u.signingPublicKey),
    signingKeyTransitions: b64(u.signingKeyTransitions),
    rosterList: b64(u.rosterList),
    link,
    members: servable(u, members)
  });
  return {
    organisation: { ...toPublic(unit, null), policy: unit.policy, publicInfo: unit.publicInfo },
    bodies: bodies.map((body) =>
      toPublic(body, {
        organisationSignature: b64(body.organisationSignature),
        bodySignature: b64(body.bodySignature)
      })
    )
  };
}

/**
 * What the reporter's report and follow-up pages load: the organisation, its linked bodies and
 * its policy, for the browser to verify and route with. Public by design; 404 for an unknown
 * organisation or one whose policy no longer parses.
 */
export async function reporterPageData(db: Database, params: Record<string, string>) {
  const { slug } = validateParams(slugParamsSchema, params);
  const roster = await publicRoster(db, slug);
  if (!roster) notFound();
  const policy = policySchema.safeParse(roster.organisation.policy);
  if (!policy.success) notFound();
  const { policy: _policy, publicInfo, ...organisation } = roster.organisation;
  const phone = (publicInfo as { childrensServicesPhone?: unknown }).childrensServicesPhone;
  return {
    organisation,
    bodies: roster.bodies,
    policy: policy.data,
    childrensServicesPhone: typeof phone === 'string' ? phone : null
  };
}
