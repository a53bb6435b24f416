import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from './encoding';
import { CryptoFormatError, DecryptionError } from './errors';
import { sealToBoxKey } from './envelope';
import { generateBoxKeyPair, generateSignKeyPair } from './primitives';
import {
  checkReceipt,
  newReceiptSeed,
  openReceipt,
  receiptKeyPair,
  sealReceipt,
  signReceipt,
  type Receipt
} from './receipts';
import { ready } from './sodium';

await ready();

const server = receiptKeyPair(newReceiptSeed());
const report = utf8('ciphertext of a report, as stored');
const facts = {
  organisationId: 'org-1',
  caseId: '7f1c2d9e-0000-4000-8000-000000000001',
  day: '2026-11-27',
  reportCiphertext: report
};
const expected = {
  publicKey: server.publicKey,
  organisationId: facts.organisationId,
  caseId: facts.caseId,
  reportCiphertext: report
};

function flipped(receipt: Receipt, field: 'signature' | 'serverKey'): Receipt {
  const bytes = fromBase64(receipt[field]);
  bytes[bytes.length - 1]! ^= 1;
  return { ...receipt, [field]: toBase64(bytes) };
}

describe('receipts', () => {
  const receipt = signReceipt(server, facts);

  it('verifies a receipt for this case and ciphertext under the published key', () => {
    expect(checkReceipt(receipt, expected)).toEqual({ ok: true });
  });

  it('refuses a tampered receipt: each signed field, and the signature itself', () => {
    expect(checkReceipt({ ...receipt, day: '2026-11-26' }, expected)).toEqual({
      ok: false,
      reason: 'signature'
    });
    expect(checkReceipt({ ...receipt, caseId: 'another' }, expected).ok).toBe(false);
    expect(checkReceipt({ ...receipt, organisationId: 'org-2' }, expected).ok).toBe(false);
    expect(
      checkReceipt(
        {
          ...receipt,
          reportHash: receipt.reportHash.replace(/^./, (c) => (c === '0' ? '1' : '0'))
        },
        expected
      )
    ).toEqual({ ok: false, reason: 'signature' });
    expect(checkReceipt(flipped(receipt, 'signature'), expected)).toEqual({
      ok: false,
      reason: 'signature'
    });
  });

  it('refuses a receipt signed by any key other than the published one', () => {
    const other = generateSignKeyPair();
    const forged = signReceipt(other, facts);
    expect(checkReceipt(forged, expected)).toEqual({ ok: false, reason: 'key' });
    // Naming the published key does not help a signature made with another.
    expect(checkReceipt({ ...forged, serverKey: receipt.serverKey }, expected)).toEqual({
      ok: false,
      reason: 'signature'
    });
  });

  it('refuses a genuine receipt for another ciphertext or another case', () => {
    expect(checkReceipt(receipt, { ...expected, reportCiphertext: utf8('other') })).toEqual({
      ok: false,
      reason: 'report'
    });
    expect(checkReceipt(receipt, { ...expected, caseId: 'other-case' })).toEqual({
      ok: false,
      reason: 'case'
    });
  });

  it('refuses malformed receipts without throwing', () => {
    for (const bad of [null, 'x', {}, { ...receipt, format: 'v2' }, { ...receipt, day: 'today' }]) {
      expect(checkReceipt(bad, expected)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('is the same receipt when signed again (a retried submission)', () => {
    expect(signReceipt(server, facts)).toEqual(receipt);
  });

  it('seals to the reporter box key: only that key opens it, and only as a receipt', () => {
    const reporter = generateBoxKeyPair();
    const sealed = sealReceipt(receipt, reporter.publicKey);
    expect(openReceipt(sealed, reporter)).toEqual(receipt);
    expect(() => openReceipt(sealed, generateBoxKeyPair())).toThrow(DecryptionError);
    const caseKeysBox = sealToBoxKey(reporter.publicKey, 'caseKeys', new Uint8Array(40));
    expect(() => openReceipt(caseKeysBox, reporter)).toThrow(CryptoFormatError);
  });
});
