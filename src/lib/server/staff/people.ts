import { error } from '@sveltejs/kit';
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import type { Role } from '$lib/schemas/common';
import type { Database } from '../db';
import { teamsByPerson } from '../teams';
import { credentials, people, personRoles, sessions, signingKeyGrants } from '../db/schema';
import type { StaffSession } from '../auth/sessions';

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
