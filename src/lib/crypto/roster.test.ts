import { describe, expect, it } from 'vitest';
import { CryptoFormatError, DecryptionError } from './errors';
import { generateBoxKeyPair, generateSignKeyPair } from './primitives';
import { signRequest, verifyRequest } from './requests';
import {
  fingerprint,
  generateUnitSigningKey,
  openUnitSigningKey,
  sealUnitSigningKey,
  signRosterEntry,
  verifyRosterEntry,
  type RosterEntry
} from './roster';
import { ready } from './sodium';

await ready();

const unit = generateUnitSigningKey();
const person = { box: generateBoxKeyPair(), sign: generateSignKeyPair() };
const entry: RosterEntry = {
  unitId: 'riverside-ccc',
  personId: 'p-1',
  roles: ['dsl', 'coordinator'],
  boxPublicKey: person.box.publicKey,
  signPublicKey: person.sign.publicKey
};
const signature = signRosterEntry(unit.privateKey, entry);

describe('roster signatures', () => {
  it('verifies, whatever the order of roles', () => {
    expect(verifyRosterEntry(unit.publicKey, entry, signature)).toBe(true);
    expect(
      verifyRosterEntry(
        unit.publicKey,
        { ...entry, roles: ['coordinator', 'dsl', 'dsl'] },
        signature
      )
    ).toBe(true);
  });

  it('rejects an entry signed by the wrong key', () => {
    const other = generateUnitSigningKey();
    expect(verifyRosterEntry(unit.publicKey, entry, signRosterEntry(other.privateKey, entry))).toBe(
      false
    );
  });

  it.each([
    ['a substituted box key', { boxPublicKey: generateBoxKeyPair().publicKey }],
    ['a substituted sign key', { signPublicKey: generateSignKeyPair().publicKey }],
    ['an added role', { roles: ['dsl', 'coordinator', 'chair'] }],
    ['another person', { personId: 'p-2' }],
    ['another unit', { unitId: 'other-ccc' }]
  ])('rejects %s', (_, change) => {
    expect(verifyRosterEntry(unit.publicKey, { ...entry, ...change }, signature)).toBe(false);
  });

  it('rejects altered version bytes and lengths', () => {
    const altered = signature.slice();
    altered[0] = 2;
    expect(verifyRosterEntry(unit.publicKey, entry, altered)).toBe(false);
    expect(verifyRosterEntry(unit.publicKey, entry, signature.subarray(0, 64))).toBe(false);
  });

  it('seals the unit key to an admin', () => {
    const admin = generateBoxKeyPair();
    const sealed = sealUnitSigningKey(admin.publicKey, unit);
    expect(openUnitSigningKey(sealed, admin)).toEqual(unit);
    expect(() => openUnitSigningKey(sealed, generateBoxKeyPair())).toThrow(DecryptionError);
  });
});

describe('fingerprints', () => {
  it('are eight groups of four and differ per key', () => {
    const f = fingerprint(person.box.publicKey);
    expect(f).toMatch(/^([0-9A-HJKMNP-TV-Z]{4} ){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(fingerprint(person.sign.publicKey)).not.toBe(f);
    expect(fingerprint(person.box.publicKey, person.sign.publicKey)).not.toBe(f);
    expect(() => fingerprint()).toThrow(CryptoFormatError);
  });
});

describe('request signatures', () => {
  const request = {
    method: 'post',
    path: '/api/case/messages',
    body: new Uint8Array([1, 2, 3]),
    day: '2026-11-26'
  };
  const sig = signRequest(person.sign, request);

  it('verify for the same request only', () => {
    expect(verifyRequest(person.sign.publicKey, sig, { ...request, method: 'POST' })).toBe(true);
    expect(verifyRequest(person.sign.publicKey, sig, { ...request, day: '2026-11-27' })).toBe(
      false
    );
    expect(verifyRequest(person.sign.publicKey, sig, { ...request, path: '/api/other' })).toBe(
      false
    );
    expect(
      verifyRequest(person.sign.publicKey, sig, { ...request, body: new Uint8Array([1, 2]) })
    ).toBe(false);
    expect(verifyRequest(generateSignKeyPair().publicKey, sig, request)).toBe(false);
  });

  it('a chunk request (body hashed with BLAKE2b) is no JSON request, and the other way round', () => {
    const chunk = { ...request, method: 'PUT', kind: 'chunk' as const };
    const chunkSig = signRequest(person.sign, chunk);
    expect(verifyRequest(person.sign.publicKey, chunkSig, chunk)).toBe(true);
    expect(verifyRequest(person.sign.publicKey, chunkSig, { ...chunk, kind: 'json' })).toBe(false);
    expect(verifyRequest(person.sign.publicKey, sig, { ...request, kind: 'chunk' })).toBe(false);
    expect(
      verifyRequest(person.sign.publicKey, chunkSig, { ...chunk, body: new Uint8Array([1, 2, 4]) })
    ).toBe(false);
  });

  it('answer false to malformed input instead of throwing', () => {
    expect(verifyRequest(person.sign.publicKey, sig + '=', request)).toBe(false);
    expect(verifyRequest(person.sign.publicKey, 'not base64!', request)).toBe(false);
    expect(verifyRequest(person.sign.publicKey, sig, { ...request, day: '26/11/2026' })).toBe(
      false
    );
    expect(() => signRequest(person.sign, { ...request, day: 'today' })).toThrow(CryptoFormatError);
  });
});
