// What the procedure lets a complaint do next, as the server checks it: the reporter's requests
// for the next stage or NACCC (windows, answered stages, the last stage), and the chair's stage-3
// panel (committee members only, never the stage-2 investigator). The browser journey is
// tests/e2e/complaint.e2e.ts; these are the refusals a crafted request meets.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encryptReport,
  generateStaffKeys,
  newCaseKeys,
  randomBytes,
  ready,
  sealCaseKeysFor,
  type BoxPublicKey
} from '../../src/lib/crypto';
import { presetById } from '../../src/lib/routing';
import {
  addHolders,
  submitCase,
  today,
  updateCase,
  type CaseRecord
} from '../../src/lib/server/cases';
import { escalationRefusal, panelRefusal } from '../../src/lib/server/cases/procedure';
import { caseOrThrow } from '../../src/lib/server/cases/store';
import { credentials } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signedEvent } from '../support/entries';

let database: TestDatabase;
let seed: DemoSeed;
const westWilts = presetById('complaints-west-wilts-ccc')!.policy;
const id = (key: string) => seed.people[key]!.personId;

async function boxOf(key: string): Promise<BoxPublicKey> {
  const [row] = await database.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, id(key)));
  return row!.box as BoxPublicKey;
}

/** A complaint as a reporter's browser files it, to the given people. */
async function file(recipients: string[]) {
  const reporter = generateStaffKeys();
  const keys = newCaseKeys();
  const caseId = randomUUID();
  await submitCase(database.db, {
    organisationId: seed.organisationId,
    caseId,
    submissionId: randomUUID(),
    lookupHash: randomBytes(32),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'complaint',
    reportCiphertext: encryptReport(
      keys.contentKey,
      caseId,
      { whatHappened: 'x' },
      reporter.sign,
      reporter.box.publicKey
    ),
    recipients: await Promise.all(
      recipients.map(async (k) => ({
        personId: id(k),
        sealedKey: sealCaseKeysFor(await boxOf(k), keys, { includeStaffKey: true })
      }))
    ),
    reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false })
  });
  return { caseId, keys, reporter };
}

beforeAll(async () => {
  await ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db, { password: (p) => `complaint-${p.key}-password` }))!;
});

afterAll(async () => {
  await database?.dispose();
});

describe('the reporter asking for the next stage or NACCC (West Wilts)', () => {
  const day = '2027-01-27';
  const at = (patch: Partial<CaseRecord>) =>
    ({
      id: randomUUID(),
      organisationId: 'o',
      track: 'complaint',
      stage: 1,
      status: 'new',
      keyEpoch: 0,
      receivedOn: '2026-12-22',
      stageStartedOn: '2026-12-22',
      acknowledgedOn: '2026-12-30',
      respondedOn: null,
      closedOn: null,
      ...patch
    }) as CaseRecord;

  it('accepts stage 2 on day 13 after the reply and explains the refusal on day 15', () => {
    expect(
      escalationRefusal(westWilts, at({ respondedOn: '2027-01-14' }), { kind: 'next_stage' }, day)
    ).toBeNull();
    const late = escalationRefusal(
      westWilts,
      at({ respondedOn: '2027-01-12' }),
      { kind: 'next_stage' },
      day
    );
    expect(late?.code).toBe('window_closed');
    // The date as the server's locale data writes it ("Tuesday 26 January 2027", with or
    // without a comma), the clause, and what the reporter can still do.
    expect(late?.message).toMatch(
      /^The time to ask for stage 2 ended on Tuesday,? 26 January 2027 \(Stage 2: within 14 days of receiving the stage 1 response\)\. You can still write to the people on your case\.$/
    );
  });

  it('waits for the stage to be answered, and stops at stage 3', () => {
    expect(escalationRefusal(westWilts, at({}), { kind: 'next_stage' }, day)?.code).toBe(
      'not_answered'
    );
    expect(
      escalationRefusal(westWilts, at({ stage: 3, respondedOn: day }), { kind: 'next_stage' }, day)
    ).toMatchObject({ code: 'final_stage' });
  });

  it('offers NACCC only once stage 3 has been answered, and no other body', () => {
    const naccc = { kind: 'body', body: 'naccc' } as const;
    expect(escalationRefusal(westWilts, at({ respondedOn: day }), naccc, day)?.code).toBe(
      'not_offered'
    );
    expect(escalationRefusal(westWilts, at({ stage: 3 }), naccc, day)).toMatchObject({
      code: 'not_answered',
      message: 'You can take this to NACCC once stage 3 has been answered.'
    });
    expect(escalationRefusal(westWilts, at({ stage: 3, respondedOn: day }), naccc, day)).toBeNull();
    expect(
      escalationRefusal(
        westWilts,
        at({ stage: 3, respondedOn: day }),
        { kind: 'body', body: 'lado' },
        day
      )?.code
    ).toBe('not_offered');
  });
});

describe('the stage-3 panel', () => {
  it('refuses the stage-2 investigator, anyone outside the committee, and a stage without a panel', async () => {
    const filed = await file(['coordinator', 'chair']);
    const chair = id('chair');
    const move = (stage: number) =>
      updateCase(database.db, { caseId: filed.caseId, actor: { kind: 'system' }, stage });
    await move(2);
    const atStage2 = await caseOrThrow(database.db, filed.caseId);
    expect(await panelRefusal(database.db, westWilts, atStage2, [id('committee1')])).toMatchObject({
      code: 'no_panel'
    });
    // The chair (a committee member too) investigates stage 2 and gives its response.
    await updateCase(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'staff', personId: chair },
      status: 'responded',
      respondedOn: today()
    });
    await move(3);
    const record = await caseOrThrow(database.db, filed.caseId);
    const committee = [id('committee1'), id('committee2'), id('committee3')];
    expect(await panelRefusal(database.db, westWilts, record, committee)).toBeNull();
    // A crafted request that puts the investigator on the panel.
    expect(
      await panelRefusal(database.db, westWilts, record, [chair, ...committee.slice(1)])
    ).toEqual({
      code: 'investigator',
      message: 'The person who investigated at stage 2 cannot sit on the panel.'
    });
    expect(
      await panelRefusal(database.db, westWilts, record, [id('complaintsOfficer')])
    ).toMatchObject({ code: 'not_on_panel' });
    expect(
      await panelRefusal(database.db, westWilts, record, [id('nacccChiefExecutive')])
    ).toMatchObject({ code: 'not_inside' });
  });
});

describe('moving to the next stage when its people already hold the case', () => {
  it('moves the stage without adding anyone; adding nobody otherwise is refused', async () => {
    // West Wilts stage 3 goes to the chair, who investigated stage 2 and holds the case.
    const filed = await file(['chair']);
    await updateCase(database.db, { caseId: filed.caseId, actor: { kind: 'system' }, stage: 2 });
    const event = (stage?: number) =>
      signedEvent(database.db, {
        caseId: filed.caseId,
        signer: filed.reporter.sign,
        key: filed.keys.contentKey,
        senderRole: 'reporter',
        event: { event: 'escalated', personIds: [], ...(stage ? { stage } : {}) }
      });
    await expect(
      addHolders(database.db, {
        caseId: filed.caseId,
        actor: { kind: 'reporter' },
        action: 'escalate',
        holders: [],
        event: await event()
      })
    ).rejects.toMatchObject({ code: 'invalid' });
    const moved = await addHolders(database.db, {
      caseId: filed.caseId,
      actor: { kind: 'reporter' },
      action: 'escalate',
      holders: [],
      toStage: 3,
      event: await event(3)
    });
    expect(moved.case.stage).toBe(3);
    expect(moved.case.respondedOn).toBeNull();
  });
});
