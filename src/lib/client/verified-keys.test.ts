import { beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '$lib/crypto';
import type { ServedMember, ServedUnit } from './roster';
import { memoryPins } from './roster-pins';
import { RosterTrustError, UnverifiedMemberError, verifiedKeys } from './verified-keys';

let orgKey: crypto.SignKeyPair;
let bodyKey: crypto.SignKeyPair;
let people: Record<string, crypto.StaffKeys>;

beforeAll(async () => {
  await crypto.ready();
  orgKey = crypto.generateUnitSigningKey();
  bodyKey = crypto.generateUnitSigningKey();
  people = {
    a: crypto.generateStaffKeys(),
    b: crypto.generateStaffKeys(),
    l: crypto.generateStaffKeys()
  };
});

const b64 = (bytes: Uint8Array) => crypto.toBase64(bytes);

function member(id: string, unitId: string, roles = ['coordinator']): ServedMember {
  return {
    personId: id,
    unitId,
    displayName: `Person ${id}`,
    roles: roles as ServedMember['roles'],
    status: 'active',
    boxPublicKey: b64(people[id]!.box.publicKey),
    signPublicKey: b64(people[id]!.sign.publicKey),
    rosterSignature: null
  };
}

function listOf(key: crypto.SignKeyPair, unitId: string, members: ServedMember[], version = 1) {
  return b64(
    crypto.signRosterList(key.privateKey, {
      unitId,
      version,
      members: members.map((m) => ({
        personId: m.personId,
        displayName: m.displayName,
        status: m.status,
        roles: m.roles,
        boxPublicKey: crypto.fromBase64(m.boxPublicKey) as crypto.BoxPublicKey,
        signPublicKey: crypto.fromBase64(m.signPublicKey) as crypto.SignPublicKey
      }))
    })
  );
}

function organisation(members = [member('a', 'org'), member('b', 'org')], version = 1): ServedUnit {
  return {
    id: 'org',
    slug: 'org',
    name: 'Riverside',
    kind: 'organisation',
    signingPublicKey: b64(orgKey.publicKey),
    signingKeyTransitions: null,
    rosterList: listOf(orgKey, 'org', members, version),
    link: null,
    members
  };
}

function lado(sign = true): ServedUnit {
  const members = [member('l', 'lado', ['external_member'])];
  const link = {
    organisationId: 'org',
    organisationKey: orgKey.publicKey,
    bodyId: 'lado',
    bodyKind: 'lado',
    bodyName: 'LADO',
    bodyKey: bodyKey.publicKey
  };
  return {
    id: 'lado',
    slug: 'lado',
    name: 'LADO',
    kind: 'lado',
    signingPublicKey: b64(bodyKey.publicKey),
    signingKeyTransitions: null,
    rosterList: listOf(bodyKey, 'lado', members),
    link: sign
      ? {
          organisationSignature: b64(crypto.signUnitLink(orgKey.privateKey, link)),
          bodySignature: b64(crypto.signUnitLink(bodyKey.privateKey, link))
        }
      : { organisationSignature: null, bodySignature: null },
    members
  };
}

async function refusal(units: ServedUnit[], pins = memoryPins()) {
  const error = await verifiedKeys(units, { pins }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RosterTrustError);
  return (error as RosterTrustError).reason;
}

describe('verifiedKeys', () => {
  it('gives verified keys and pins for a roster on its signed list', async () => {
    const pins = memoryPins();
    const keys = await verifiedKeys([organisation(), lado()], { pins });
    expect(keys.members.map((m) => m.personId)).toEqual(['a', 'b', 'l']);
    expect(keys.boxKey('a')).toEqual(people.a!.box.publicKey);
    expect(keys.signKey('l')).toEqual(people.l!.sign.publicKey);
    expect(() => keys.boxKey('x')).toThrow(UnverifiedMemberError);
    expect(keys.units.map((u) => [u.id, u.listVersion])).toEqual([
      ['org', 1],
      ['lado', 1]
    ]);
    expect(pins.get('org')).toEqual({ signingPublicKey: b64(orgKey.publicKey), listVersion: 1 });
  });

  it('refuses a person id served twice, even an unsigned copy first', async () => {
    const org = organisation();
    org.members.unshift({ ...member('b', 'org'), boxPublicKey: b64(people.l!.box.publicKey) });
    expect(await refusal([org])).toBe('duplicate');
  });

  it('refuses someone not on the list, and a key or role that differs from it', async () => {
    const org = organisation([member('a', 'org')]);
    org.members.push(member('b', 'org'));
    expect(await refusal([org])).toBe('not_on_list');
    const swapped = organisation();
    swapped.members[1] = { ...swapped.members[1]!, boxPublicKey: b64(people.l!.box.publicKey) };
    expect(await refusal([swapped])).toBe('mismatch');
    const promoted = organisation();
    promoted.members[0] = { ...promoted.members[0]!, roles: ['chair'] };
    expect(await refusal([promoted])).toBe('mismatch');
  });

  it('refuses a list older than the pinned one, and a new key without a transition', async () => {
    const pins = memoryPins({ org: { signingPublicKey: b64(orgKey.publicKey), listVersion: 5 } });
    expect(await refusal([organisation(undefined, 4)], pins)).toBe('old_list');
    const other = crypto.generateUnitSigningKey();
    const forged = { ...organisation(), signingPublicKey: b64(other.publicKey) };
    forged.rosterList = listOf(other, 'org', forged.members, 6);
    expect(await refusal([forged], pins)).toBe('unit_key_changed');
    // The same key change, signed by the pinned key, is followed.
    forged.signingKeyTransitions = b64(
      crypto.signUnitKeyTransition('org', orgKey, other.publicKey)
    );
    await verifiedKeys([forged], { pins });
    expect(pins.get('org')).toEqual({ signingPublicKey: b64(other.publicKey), listVersion: 6 });
  });

  it('refuses a badly signed body link, and leaves out an unsigned one', async () => {
    const forged = lado();
    forged.link = { ...forged.link!, organisationSignature: forged.link!.bodySignature };
    expect(await refusal([organisation(), forged])).toBe('body_link');
    const keys = await verifiedKeys([organisation(), lado(false)]);
    expect(keys.members.map((m) => m.personId)).toEqual(['a', 'b']);
    expect(keys.unlinkedBodies).toEqual([{ id: 'lado', name: 'LADO' }]);
  });

  it('reads a unit without a list by its per-person signatures, refusing an unsigned one', async () => {
    const legacy = { ...organisation(), rosterList: null };
    expect(await refusal([legacy])).toBe('unsigned');
    legacy.members = legacy.members.map((m) => ({
      ...m,
      rosterSignature: b64(
        crypto.signRosterEntry(orgKey.privateKey, {
          unitId: 'org',
          personId: m.personId,
          roles: m.roles,
          boxPublicKey: crypto.fromBase64(m.boxPublicKey) as crypto.BoxPublicKey,
          signPublicKey: crypto.fromBase64(m.signPublicKey) as crypto.SignPublicKey
        })
      )
    }));
    const keys = await verifiedKeys([legacy]);
    expect(keys.units[0]!.listVersion).toBe(0);
  });
});
