import { error } from '@sveltejs/kit';
import { and, asc, count, eq } from 'drizzle-orm';
import { presetById } from '$lib/routing';
import type { Role, UnitKind } from '$lib/schemas/common';
import type { Database } from '../db';
import { invitations, organisations, people, personRoles, unitLinks } from '../db/schema';
import { newToken } from '../auth/tokens';
import type { StaffSession } from '../auth/sessions';
import { INVITATION_LIFETIME_MS } from './accounts';

/** Every unit of the deployment with head-counts and links; no case data of any kind. */
export async function listUnits(db: Database) {
  const units = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      people: count(people.id)
    })
    .from(organisations)
    .leftJoin(people, eq(people.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.kind), asc(organisations.name));
  const links = await db.select().from(unitLinks);
  return units.map((unit) => ({
    ...unit,
    people: Number(unit.people),
    linkedBodies: links.filter((l) => l.organisationId === unit.id).map((l) => l.bodyId)
  }));
}

/**
 * A new organisation or external body with its first admin invited. The unit has no signing key
 * until that admin accepts: their browser makes it, so the host never holds it.
 */
export async function createUnit(
  db: Database,
  host: StaffSession,
  input: {
    name: string;
    slug: string;
    kind: UnitKind;
    presetId?: string | undefined;
    admin: { displayName: string; email: string; roles: Role[] };
  }
): Promise<{ unitId: string; token: string; expiresAt: Date }> {
  const policy =
    input.kind === 'organisation' ? presetById(input.presetId ?? 'default')?.policy : {};
  if (!policy) error(400, { message: 'Unknown policy preset.', code: 'invalid' });
  const { token, hash } = await newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, input.slug));
    if (taken) error(409, { message: 'That web address is taken.', code: 'slug_taken' });
    const [email] = await tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.email, input.admin.email));
    if (email) error(409, { message: 'That email already has an account.', code: 'email_taken' });
    const [unit] = await tx
      .insert(organisations)
      .values({ name: input.name, slug: input.slug, kind: input.kind, policy })
      .returning({ id: organisations.id });
    const [person] = await tx
      .insert(people)
      .values({
        organisationId: unit!.id,
        displayName: input.admin.displayName,
        email: input.admin.email,
        status: 'invited',
        isAdmin: true
      })
      .returning({ id: people.id });
    if (input.admin.roles.length > 0) {
      await tx
        .insert(personRoles)
        .values([...new Set(input.admin.roles)].map((role) => ({ personId: person!.id, role })));
    }
    await tx
      .insert(invitations)
      .values({ personId: person!.id, tokenHash: hash, createdBy: host.personId, expiresAt });
    return { unitId: unit!.id, token, expiresAt };
  });
}

/** Links or unlinks an external body to an organisation it serves. */
export async function setUnitLink(
  db: Database,
  input: { organisationId: string; bodyId: string; linked: boolean }
): Promise<void> {
  const units = await db
    .select({ id: organisations.id, kind: organisations.kind })
    .from(organisations);
  const organisation = units.find((u) => u.id === input.organisationId);
  const body = units.find((u) => u.id === input.bodyId);
  if (organisation?.kind !== 'organisation' || !body || body.kind === 'organisation') {
    error(404, { message: 'Not found', code: 'not_found' });
  }
  if (input.linked) {
    await db
      .insert(unitLinks)
      .values({ organisationId: input.organisationId, bodyId: input.bodyId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(unitLinks)
      .where(
        and(eq(unitLinks.organisationId, input.organisationId), eq(unitLinks.bodyId, input.bodyId))
      );
  }
}
