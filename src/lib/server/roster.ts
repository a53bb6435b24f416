import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { toBase64 } from '$lib/crypto';
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
  members: PublicRosterMember[];
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
      signingPublicKey: organisations.signingPublicKey
    })
    .from(unitLinks)
    .innerJoin(organisations, eq(organisations.id, unitLinks.bodyId))
    .where(and(eq(unitLinks.organisationId, unit.id), ne(organisations.kind, 'organisation')))
    .orderBy(asc(organisations.name));
  const members = await membersOf(db, [unit.id, ...bodies.map((body) => body.id)]);
  const toPublic = (u: {
    id: string;
    slug: string;
    name: string;
    kind: UnitKind;
    signingPublicKey: Uint8Array | null;
  }): PublicUnit => ({
    id: u.id,
    slug: u.slug,
    name: u.name,
    kind: u.kind,
    signingPublicKey: u.signingPublicKey ? toBase64(u.signingPublicKey) : null,
    members: members.filter((m) => m.unitId === u.id)
  });
  return {
    organisation: { ...toPublic(unit), policy: unit.policy, publicInfo: unit.publicInfo },
    bodies: bodies.map(toPublic)
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
