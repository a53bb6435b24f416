import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import type { StaffSession } from '../../src/lib/server/auth/sessions';
import { credentials, organisations } from '../../src/lib/server/db/schema';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { acceptInvitation, invitationDetails } from '../../src/lib/server/staff/accounts';
import { createUnit, listUnits, setUnitLink } from '../../src/lib/server/staff/host';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let seed: DemoSeed;
let host: StaffSession;

beforeAll(async () => {
  await crypto.ready();
  database = await createTestDatabase();
  seed = (await seedDemo(database.db))!;
  const admin = seed.people.admin!;
  host = {
    personId: admin.personId,
    organisationId: admin.unitId,
    displayName: admin.displayName,
    email: admin.email,
    isAdmin: true,
    isHost: true,
    mustEnrolTotp: false
  };
});

afterAll(async () => {
  await database?.dispose();
});

async function enrolmentBody(password: string) {
  const enrolment = await crypto.enrolStaff(password);
  const s = enrolment.server;
  const b = crypto.toBase64;
  return {
    enrolment,
    body: {
      boxPublicKey: b(s.boxPublicKey),
      signPublicKey: b(s.signPublicKey),
      passwordSalt: b(s.passwordSalt),
      passwordWrappedKeys: b(s.passwordWrappedKeys),
      recoveryWrappedKeys: b(s.recoveryWrappedKeys),
      loginSecret: b(s.loginSecret),
      recoveryProof: b(s.recoveryProof)
    }
  };
}

describe('host', () => {
  it('adds an external body whose first admin makes its signing key on accepting', async () => {
    const { unitId, token } = await createUnit(database.db, host, {
      name: 'Northshire Children’s Services',
      slug: 'northshire-cs',
      kind: 'childrens_services',
      admin: {
        displayName: 'Nia Duty',
        email: 'duty@northshire.example',
        roles: ['external_member']
      }
    });
    const [before] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, unitId));
    expect(before!.signingPublicKey).toBeNull();

    const details = (await invitationDetails(database.db, token))!;
    expect(details.foundsUnit).toBe(true);
    const { enrolment, body } = await enrolmentBody('a long enough password');

    // Without the unit key the founding admin's acceptance is refused, and nothing changes.
    await expect(acceptInvitation(database.db, token, body)).rejects.toMatchObject({ status: 400 });
    expect(await invitationDetails(database.db, token)).not.toBeNull();

    const unitKey = crypto.generateUnitSigningKey();
    const founding = {
      signingPublicKey: crypto.toBase64(unitKey.publicKey),
      sealedSigningKey: crypto.toBase64(
        crypto.sealUnitSigningKey(enrolment.keys.box.publicKey, unitKey)
      ),
      rosterSignature: crypto.toBase64(
        crypto.signRosterEntry(unitKey.privateKey, {
          unitId,
          personId: details.personId,
          roles: details.roles,
          boxPublicKey: enrolment.server.boxPublicKey,
          signPublicKey: enrolment.server.signPublicKey
        })
      )
    };
    await acceptInvitation(database.db, token, body, founding);
    const [after] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, unitId));
    expect([...after!.signingPublicKey!]).toEqual([...unitKey.publicKey]);
    const [creds] = await database.db
      .select()
      .from(credentials)
      .where(eq(credentials.personId, details.personId));
    expect(creds!.rosterSignature).not.toBeNull();
  });

  it('refuses a founding roster signature made by another key', async () => {
    const { unitId, token } = await createUnit(database.db, host, {
      name: 'Westshire LADO',
      slug: 'westshire-lado',
      kind: 'lado',
      admin: {
        displayName: 'Lee Officer',
        email: 'lado@westshire.example',
        roles: ['external_member']
      }
    });
    const details = (await invitationDetails(database.db, token))!;
    const { enrolment, body } = await enrolmentBody('another long password');
    const unitKey = crypto.generateUnitSigningKey();
    const otherKey = crypto.generateUnitSigningKey();
    const founding = {
      signingPublicKey: crypto.toBase64(unitKey.publicKey),
      sealedSigningKey: crypto.toBase64(
        crypto.sealUnitSigningKey(enrolment.keys.box.publicKey, unitKey)
      ),
      rosterSignature: crypto.toBase64(
        crypto.signRosterEntry(otherKey.privateKey, {
          unitId,
          personId: details.personId,
          roles: details.roles,
          boxPublicKey: enrolment.server.boxPublicKey,
          signPublicKey: enrolment.server.signPublicKey
        })
      )
    };
    await expect(acceptInvitation(database.db, token, body, founding)).rejects.toMatchObject({
      status: 400
    });
    const [unit] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, unitId));
    expect(unit!.signingPublicKey).toBeNull();
  });

  it('links and unlinks bodies to organisations, and never an organisation to another', async () => {
    const units = await listUnits(database.db);
    const riverside = units.find((u) => u.slug === 'riverside')!;
    const northshire = units.find((u) => u.slug === 'northshire-cs')!;
    await setUnitLink(database.db, {
      organisationId: riverside.id,
      bodyId: northshire.id,
      linked: true
    });
    expect(
      (await listUnits(database.db)).find((u) => u.id === riverside.id)!.linkedBodies
    ).toContain(northshire.id);
    await setUnitLink(database.db, {
      organisationId: riverside.id,
      bodyId: northshire.id,
      linked: false
    });
    expect(
      (await listUnits(database.db)).find((u) => u.id === riverside.id)!.linkedBodies
    ).not.toContain(northshire.id);
    await expect(
      setUnitLink(database.db, {
        organisationId: northshire.id,
        bodyId: riverside.id,
        linked: true
      })
    ).rejects.toMatchObject({ status: 404 });
  });
});
