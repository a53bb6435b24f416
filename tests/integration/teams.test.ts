import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedRoster, type ServedUnit } from '../../src/lib/client/roster';
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
    const roster = await verifiedRoster(units);
    const lucy = roster.find((m) => m.personId === idOf('mpSeniorSchools'))!;
    expect(lucy.teams).toEqual(['schools']);
    expect(roster.every((m) => m.keysSigned)).toBe(true);
  });

  it('routes to the chosen team’s senior practitioner and, a practitioner named, to the board', async () => {
    const { policy, units } = await served();
    const roster = await verifiedRoster(units);
    const r = eligibleRecipients(policy, roster, {
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

  it('a team moved on the server without a new signature no longer verifies', async () => {
    await database.db
      .update(personTeams)
      .set({ teamId: 'schools' })
      .where(
        and(
          eq(personTeams.personId, idOf('mpSeniorCommunity')),
          eq(personTeams.teamId, 'community')
        )
      );
    const { policy, units } = await served();
    const roster = await verifiedRoster(units);
    const daniel = roster.find((m) => m.personId === idOf('mpSeniorCommunity'))!;
    expect(daniel.teams).toEqual(['schools']);
    expect(daniel.keysSigned).toBe(false);
    const r = eligibleRecipients(policy, roster, {
      track: 'safeguarding',
      involved: [],
      team: 'schools'
    });
    expect(r.recipients.map((m) => m.personId)).not.toContain(idOf('mpSeniorCommunity'));
  });
});
