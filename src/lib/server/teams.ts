import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from './db';
import { personTeams } from './db/schema';

/** Team ids per person (sorted), for the served roster and the signed roster entry. */
export async function teamsByPerson(
  db: Database,
  personIds: string[]
): Promise<Map<string, string[]>> {
  const byPerson = new Map<string, string[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return byPerson;
  const rows = await db.select().from(personTeams).where(inArray(personTeams.personId, personIds));
  for (const row of rows) byPerson.get(row.personId)?.push(row.teamId);
  for (const teams of byPerson.values()) teams.sort();
  return byPerson;
}

export async function teamsOf(db: Database, personId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: personTeams.teamId })
    .from(personTeams)
    .where(eq(personTeams.personId, personId))
    .orderBy(asc(personTeams.teamId));
  return rows.map((row) => row.teamId);
}
