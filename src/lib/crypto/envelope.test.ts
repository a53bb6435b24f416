import { describe, expect, it } from 'vitest';
import { CryptoFormatError, DecryptionError, SignatureError } from './errors';
import {
  decryptReport,
  encryptReport,
  newCaseKeys,
  openSealedBox,
  openSealedCaseKeys,
  rotateCaseKeys,
  sealCaseKeysFor,
  sealToBoxKey
} from './envelope';
import { generateBoxKeyPair, generateSignKeyPair } from './primitives';
import { ready } from './sodium';
import type { BoxPublicKey } from './types';

await ready();

const report = { track: 'complaint', what: 'Rude at handover', outcome: 'An apology' };

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= 0x01;
  return copy;
}

describe('sealing case keys', () => {
  const keys = newCaseKeys();
  const staff = generateBoxKeyPair();
  const reporter = generateBoxKeyPair();

  it('opens for the recipient with both keys, for the reporter without the staff-only key', () => {
    const forStaff = openSealedCaseKeys(
      sealCaseKeysFor(staff.publicKey, keys, { includeStaffKey: true }),
      staff
    );
    expect(forStaff).toEqual(keys);
    const forReporter = openSealedCaseKeys(
      sealCaseKeysFor(reporter.publicKey, keys, { includeStaffKey: false }),
      reporter
    );
    expect(forReporter).toEqual({ epoch: 0, contentKey: keys.contentKey });
    expect(forReporter.staffKey).toBeUndefined();
  });

  it('does not open with another key pair', () => {
    const sealed = sealCaseKeysFor(staff.publicKey, keys, { includeStaffKey: true });
    expect(() => openSealedCaseKeys(sealed, reporter)).toThrow(DecryptionError);
  });

  it('rejects an altered version byte, truncation and tampering', () => {
    const sealed = sealCaseKeysFor(staff.publicKey, keys, { includeStaffKey: true });
    expect(() => openSealedCaseKeys(flip(sealed, 0), staff)).toThrow(CryptoFormatError);
    expect(() => openSealedCaseKeys(sealed.subarray(0, 20), staff)).toThrow(CryptoFormatError);
    expect(() => openSealedCaseKeys(flip(sealed, sealed.length - 1), staff)).toThrow(
      DecryptionError
    );
    expect(() => openSealedCaseKeys(new Uint8Array(0), staff)).toThrow(CryptoFormatError);
  });

  it('will not open a sealed secret of another purpose as case keys', () => {
    const sealed = sealToBoxKey(staff.publicKey, 'unitSigningKey', new Uint8Array(65));
    expect(() => openSealedCaseKeys(sealed, staff)).toThrow(CryptoFormatError);
    expect(openSealedBox(sealed, staff, 'unitSigningKey')).toHaveLength(65);
  });

  it('refuses a malformed recipient key', () => {
    expect(() =>
      sealCaseKeysFor(new Uint8Array(31) as BoxPublicKey, keys, { includeStaffKey: false })
    ).toThrow(CryptoFormatError);
  });

  it('rotates to a new epoch with fresh keys', () => {
    const next = rotateCaseKeys(keys);
    expect(next.epoch).toBe(1);
    expect(next.contentKey).not.toEqual(keys.contentKey);
    expect(next.staffKey).not.toEqual(keys.staffKey);
    expect(rotateCaseKeys(next).epoch).toBe(2);
  });
});

describe('report', () => {
  const { contentKey } = newCaseKeys();
  const signer = generateSignKeyPair();
  const box = generateBoxKeyPair().publicKey;
  const encrypted = encryptReport(contentKey, 'case-1', report, signer, box);

  it('round-trips', () => {
    expect(decryptReport(contentKey, 'case-1', encrypted, signer.publicKey)).toEqual(report);
  });

  it('fails with the wrong key', () => {
    expect(() =>
      decryptReport(newCaseKeys().contentKey, 'case-1', encrypted, signer.publicKey)
    ).toThrow(DecryptionError);
  });

  it('fails under another case id (signature first)', () => {
    expect(() => decryptReport(contentKey, 'case-2', encrypted, signer.publicKey)).toThrow(
      SignatureError
    );
  });

  it('fails with another signer key, or a flipped byte anywhere', () => {
    expect(() =>
      decryptReport(contentKey, 'case-1', encrypted, generateSignKeyPair().publicKey)
    ).toThrow(SignatureError);
    expect(() => decryptReport(contentKey, 'case-1', flip(encrypted, 0), signer.publicKey)).toThrow(
      CryptoFormatError
    );
    for (const i of [1, 30, 100, encrypted.length - 1]) {
      expect(() =>
        decryptReport(contentKey, 'case-1', flip(encrypted, i), signer.publicKey)
      ).toThrow(SignatureError);
    }
  });

  it('pads so that similar reports have the same length', () => {
    const a = encryptReport(contentKey, 'c', { what: 'a' }, signer, box);
    const b = encryptReport(contentKey, 'c', { what: 'a'.repeat(100) }, signer, box);
    expect(a.length).toBe(b.length);
  });
});
