import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import type { StaffSession } from '../../src/lib/server/auth/sessions';
import { auditEvents, invitations, people } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import {
  approveReinvite,
  invitePerson,
  requestReinvite,
  type ReinviteOutcome
} from '../../src/lib/server/staff/accounts';
import type { StaffMail } from '../../src/lib/server/staff/mail';
import { createTestDatabase, type TestDatabase } from '../support/database';

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

function recordingMail() {
  const sent: { to: string; kind: 'notice' | 'link'; token?: string }[] = [];
  const mail: StaffMail = {
    enabled: true,
    notice: async (to) => void sent.push({ to, kind: 'notice' }),
    invitationLink: async (to, token) => void sent.push({ to, kind: 'link', token })
  };
  return { sent, mail };
}

function sessionOf(key: string): StaffSession {
  const person = seed.people[key]!;
  return {
    personId: person.personId,
    organisationId: person.unitId,
    displayName: person.displayName,
    email: person.email,
    isAdmin: true,
    isHost: false,
    mustEnrolTotp: false
  };
}

const hasToken = (outcome: ReinviteOutcome) => 'token' in outcome;

describe('re-inviting someone who has keys', () => {
  it('a lone admin never sees the link: it is emailed to the person, others told, audited', async () => {
    const { sent, mail } = recordingMail();
    const admin = sessionOf('admin');
    const chair = seed.people.chair!;
    const outcome = await requestReinvite(database.db, admin, chair.personId, mail);
    expect(outcome.status).toBe('sent');
    expect(hasToken(outcome)).toBe(false);
    expect(JSON.stringify(outcome)).not.toMatch(/[A-Za-z0-9_-]{43}/);
    const links = sent.filter((m) => m.kind === 'link');
    expect(links.map((m) => m.to)).toEqual([chair.email]);
    const actions = (
      await database.db
        .select({ action: auditEvents.action, detail: auditEvents.detail })
        .from(auditEvents)
        .where(eq(auditEvents.organisationId, admin.organisationId))
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['person.reinvite_requested', 'person.reinvite_sent'])
    );
  });

  it('with a second admin, nothing is sent until that admin approves; the asker cannot approve', async () => {
    const admin = sessionOf('admin');
    // Make the deputy safeguarding lead an admin too.
    const deputy = seed.people.deputySafeguardingLead!;
    await database.db.update(people).set({ isAdmin: true }).where(eq(people.id, deputy.personId));
    const target = seed.people.coordinator!;
    const { sent, mail } = recordingMail();
    const outcome = await requestReinvite(database.db, admin, target.personId, mail);
    expect(outcome.status).toBe('pending');
    expect(sent.filter((m) => m.kind === 'link')).toEqual([]);
    // The person and the other admin are told at once.
    expect(sent.map((m) => m.to)).toEqual(expect.arrayContaining([target.email, deputy.email]));
    const live = await database.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.personId, target.personId)));
    expect(live.filter((i) => !i.usedAt)).toEqual([]);
    const requestId = outcome.status === 'pending' ? outcome.requestId : '';
    await expect(approveReinvite(database.db, admin, requestId, mail)).rejects.toMatchObject({
      status: 403
    });
    await approveReinvite(database.db, sessionOf('deputySafeguardingLead'), requestId, mail);
    expect(sent.filter((m) => m.kind === 'link').map((m) => m.to)).toEqual([target.email]);
  });

  it('someone who never accepted an invitation just gets a fresh link (no keys to take over)', async () => {
    const admin = sessionOf('admin');
    const { personId } = await invitePerson(database.db, admin, {
      displayName: 'New Volunteer',
      email: 'new.volunteer@riverside.example',
      roles: ['committee_member'],
      isAdmin: false
    });
    const { mail } = recordingMail();
    const outcome = await requestReinvite(database.db, admin, personId, mail);
    expect(outcome.status).toBe('link');
  });
});
