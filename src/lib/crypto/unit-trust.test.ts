import { describe, expect, it } from 'vitest';
import { CryptoFormatError, SignatureError } from './errors';
import { generateBoxKeyPair, generateSignKeyPair } from './primitives';
import {
  generateUnitSigningKey,
  openRosterList,
  peekRosterList,
  signRosterList,
  type RosterList
} from './roster';
import { ready } from './sodium';
import {
  signUnitKeyTransition,
  signUnitLink,
  unitKeyFollowsFrom,
  verifyUnitLink
} from './unit-keys';
import { concatBytes } from './encoding';

await ready();

const unit = generateUnitSigningKey();
const member = (personId: string) => ({
  personId,
  displayName: `Person ${personId}`,
  status: 'active' as const,
  roles: ['coordinator', 'chair'],
  boxPublicKey: generateBoxKeyPair().publicKey,
  signPublicKey: generateSignKeyPair().publicKey
});
const list: RosterList = { unitId: 'unit-1', version: 7, members: [member('b'), member('a')] };

describe('roster lists', () => {
  it('open to the same members, sorted, with sorted roles', () => {
    const signed = signRosterList(unit.privateKey, list);
    const opened = openRosterList(unit.publicKey, 'unit-1', signed);
    expect(opened.version).toBe(7);
    expect(opened.members.map((m) => m.personId)).toEqual(['a', 'b']);
    expect(opened.members[0]!.roles).toEqual(['chair', 'coordinator']);
    expect(opened.members[1]!.boxPublicKey).toEqual(list.members[0]!.boxPublicKey);
    expect(peekRosterList(signed)).toEqual({ unitId: 'unit-1', version: 7 });
  });

  it('refuse another key, another unit, and any altered byte', () => {
    const signed = signRosterList(unit.privateKey, list);
    expect(() => openRosterList(generateUnitSigningKey().publicKey, 'unit-1', signed)).toThrow(
      SignatureError
    );
    expect(() => openRosterList(unit.publicKey, 'unit-2', signed)).toThrow(CryptoFormatError);
    for (const at of [0, 1, 70, signed.length - 1]) {
      const altered = signed.slice();
      altered[at]! ^= 1;
      expect(() => openRosterList(unit.publicKey, 'unit-1', altered)).toThrow();
    }
    expect(() =>
      openRosterList(unit.publicKey, 'unit-1', concatBytes(signed, new Uint8Array([0])))
    ).toThrow();
  });

  it('cannot list one person twice', () => {
    const twice = { ...list, members: [member('a'), member('a')] };
    expect(() => signRosterList(unit.privateKey, twice)).toThrow(CryptoFormatError);
  });
});

describe('unit key transitions', () => {
  const next = generateUnitSigningKey();
  const third = generateUnitSigningKey();
  const one = signUnitKeyTransition('unit-1', unit, next.publicKey);
  const two = signUnitKeyTransition('unit-1', next, third.publicKey);

  it('follow a chain of keys each signed by the one before', () => {
    expect(unitKeyFollowsFrom('unit-1', unit.publicKey, unit.publicKey, null)).toBe(true);
    expect(unitKeyFollowsFrom('unit-1', unit.publicKey, next.publicKey, one)).toBe(true);
    expect(
      unitKeyFollowsFrom('unit-1', unit.publicKey, third.publicKey, concatBytes(one, two))
    ).toBe(true);
  });

  it('refuse a key no transition reaches, or one signed by another key or for another unit', () => {
    expect(unitKeyFollowsFrom('unit-1', unit.publicKey, next.publicKey, null)).toBe(false);
    expect(unitKeyFollowsFrom('unit-1', unit.publicKey, third.publicKey, two)).toBe(false);
    expect(unitKeyFollowsFrom('unit-2', unit.publicKey, next.publicKey, one)).toBe(false);
    const forged = signUnitKeyTransition('unit-1', third, next.publicKey);
    forged.set(unit.publicKey, 1);
    expect(unitKeyFollowsFrom('unit-1', unit.publicKey, next.publicKey, forged)).toBe(false);
    expect(unitKeyFollowsFrom('unit-1', unit.publicKey, next.publicKey, one.subarray(1))).toBe(
      false
    );
  });
});

describe('unit links', () => {
  const body = generateUnitSigningKey();
  const link = {
    organisationId: 'org',
    organisationKey: unit.publicKey,
    bodyId: 'body',
    bodyKind: 'lado',
    bodyName: 'Riverside Council LADO',
    bodyKey: body.publicKey
  };

  it('verify for the signer and the exact link only', () => {
    const signature = signUnitLink(body.privateKey, link);
    expect(verifyUnitLink(body.publicKey, link, signature)).toBe(true);
    expect(verifyUnitLink(unit.publicKey, link, signature)).toBe(false);
    expect(verifyUnitLink(body.publicKey, { ...link, bodyKind: 'naccc' }, signature)).toBe(false);
    expect(
      verifyUnitLink(
        body.publicKey,
        { ...link, bodyKey: generateUnitSigningKey().publicKey },
        signature
      )
    ).toBe(false);
    expect(verifyUnitLink(body.publicKey, link, signature.subarray(1))).toBe(false);
  });
});
