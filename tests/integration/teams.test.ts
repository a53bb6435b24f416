import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosterTrustError, verifiedKeys, type ServedUnit } from '../../src/lib/client/roster';
import { eligibleRecipients, policySchema } from '../../src/lib/routing';
import { personTeams } from '../../src/lib/server/db/schema';
import { DEMO_MENTORING, seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { publicRoster } from '../../src/lib/server/roster';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let seed: DemoSeed;

async function served() {
  const roster = await publicRoster(database.db, DEMO_MENTORING.slug);
  const units: ServedUnit[] = [roster!.organisation, ...roster!.bodies];
  return { policy: policySchema.parse(roster!.organisation.policy), units };
}

const idOf = (key: string) => seed.people[key]!.personId;

beforeAll(async () => {
  database = await createTestDatabase();
  seed = (await seedDemo(database.db))!;
}, 120_000);

afterAll(async () => {
  await database?.dispose();
});

describe('teams in the signed roster (Bridgeway Mentoring)', () => {
  it('serves each person with their teams, and every signature covers them', async () => {
    const { units } = await served();
    const verified = await verifiedKeys(units);
    expect(verified.member(idOf('mpSeniorSchools'))?.teams).toEqual(['schools']);
    expect(verified.member(idOf('mpChair'))?.teams).toEqual([]);
  });

  it('routes to the chosen team’s senior practitioner and, a practitioner named, to the board', async () => {
    const { policy, units } = await served();
    const { members } = await verifiedKeys(units);
    const r = eligibleRecipients(policy, members, {
      track: 'safeguarding',
      involved: [idOf('mpPractitionerSchools')],
      team: 'schools'
    });
    expect(r.recipients.map((m) => m.personId).sort()).toEqual(
      [
        'mpSafeguardingLead',
        'mpDeputySafeguardingLead',
        'mpSeniorSchools',
        'mpChair',
        'mpSafeguardingTrustee',
        'mpLado'
      ]
        .map(idOf)
        .sort()
    );
  });

  it('a team moved on the server without a new signed list refuses the roster', async () => {
    await database.db
      .update(personTeams)
      .set({ teamId: 'schools' })
      .where(
        and(
          eq(personTeams.personId, idOf('mpSeniorCommunity')),
          eq(personTeams.teamId, 'community')
        )
      );
    const { units } = await served();
    const daniel = units[0]!.members.find((m) => m.personId === idOf('mpSeniorCommunity'))!;
    expect(daniel.teams).toEqual(['schools']);
    await expect(verifiedKeys(units)).rejects.toThrow(RosterTrustError);
    await expect(verifiedKeys(units)).rejects.toMatchObject({ reason: 'mismatch' });
  });
});
