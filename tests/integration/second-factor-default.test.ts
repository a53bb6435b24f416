import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import {
  changeSecondFactorSettings,
  secondFactorRequired
} from '../../src/lib/server/auth/second-factor-policy';
import { requireStaff } from '../../src/lib/server/auth/guards';
import { createSession, findSession, type StaffSession } from '../../src/lib/server/auth/sessions';
import { auditEvents, organisations } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Issue 10, item 3: people who can read safeguarding cases sign in with a second factor unless an
// admin turns that off; the change is audited.

let database: TestDatabase;
let seed: DemoSeed;

beforeAll(async () => {
  await crypto.ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db))!;
});

afterAll(async () => {
  await database?.dispose();
});

function adminSession(): StaffSession {
  const admin = seed.people.admin!;
  return {
    personId: admin.personId,
    organisationId: admin.unitId,
    displayName: admin.displayName,
    email: admin.email,
    isAdmin: true,
    isHost: true,
    mustEnrolTotp: false
  };
}

async function sessionOf(key: string) {
  return findSession(database.db, await createSession(database.db, seed.people[key]!.personId));
}

describe('second factor by default for people who can read safeguarding cases', () => {
  it('is on for a new organisation; the demo turns it off so its journeys can be tried by hand', async () => {
    const [fresh] = await database.db
      .insert(organisations)
      .values({ slug: 'fresh-unit', name: 'Fresh unit' })
      .returning({ off: organisations.safeguardingTotpOff });
    expect(fresh?.off).toBe(false);
    const [demo] = await database.db
      .select({ off: organisations.safeguardingTotpOff })
      .from(organisations)
      .where(eq(organisations.id, seed.organisationId));
    expect(demo?.off).toBe(true);
    await database.db
      .update(organisations)
      .set({ safeguardingTotpOff: false })
      .where(eq(organisations.id, seed.organisationId));
  });

  it('sends a safeguarding lead without one to set it up, and nothing else works until then', async () => {
    const lead = await sessionOf('safeguardingLead');
    expect(lead?.mustEnrolTotp).toBe(true);
    expect(() => requireStaff({ staff: lead } as App.Locals)).toThrow();
    expect(() => requireStaff({ staff: lead } as App.Locals, { beforeTotp: true })).not.toThrow();
    // The trustee for safeguarding (a committee member) is reached by the track too.
    expect((await sessionOf('committee2'))?.mustEnrolTotp).toBe(true);
  });

  it('leaves out people the safeguarding track never reaches', async () => {
    expect((await sessionOf('teamLeader1'))?.mustEnrolTotp).toBe(false);
    expect(await secondFactorRequired(database.db, seed.people.complaintsOfficer!.personId)).toBe(
      false
    );
  });

  it('asks everyone in an external body', async () => {
    const lado = seed.people.lado!;
    await database.db
      .update(organisations)
      .set({ safeguardingTotpOff: false })
      .where(eq(organisations.id, lado.unitId));
    expect(await secondFactorRequired(database.db, lado.personId)).toBe(true);
  });

  it('an admin may turn it off; the change is audited, and turning it back on too', async () => {
    const admin = adminSession();
    await changeSecondFactorSettings(database.db, admin, { safeguardingTotpOff: true });
    expect((await sessionOf('safeguardingLead'))?.mustEnrolTotp).toBe(false);
    await changeSecondFactorSettings(database.db, admin, { safeguardingTotpOff: false });
    expect((await sessionOf('safeguardingLead'))?.mustEnrolTotp).toBe(true);
    // Saving the same value again is no change and writes nothing.
    await changeSecondFactorSettings(database.db, admin, { safeguardingTotpOff: false });
    const events = await database.db
      .select({ detail: auditEvents.detail, actor: auditEvents.actorPersonId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, admin.organisationId),
          eq(auditEvents.action, 'organisation.second_factor_changed')
        )
      );
    expect(events).toEqual([
      { detail: { setting: 'safeguardingTotpOff', value: true }, actor: admin.personId },
      { detail: { setting: 'safeguardingTotpOff', value: false }, actor: admin.personId }
    ]);
  });
});
