import { describe, expect, it } from 'vitest';
import { chainGenesis } from './chain';
import { decryptEntry, encryptEntry, type DecryptEntryInput } from './entries';
import { newCaseKeys, openSealedCaseKeys, sealCaseKeysFor } from './envelope';
import { CryptoFormatError, DecryptionError, SignatureError } from './errors';
import { generateBoxKeyPair, generateSignKeyPair } from './primitives';
import { ready } from './sodium';
import type { ContentKey } from './types';

await ready();

const keys = newCaseKeys();
const staff = generateSignKeyPair();
const reporter = generateSignKeyPair();
const base = { caseId: 'case-1', entryId: 'entry-1', prev: chainGenesis('case-1', 'case') };

const message = encryptEntry({
  ...base,
  kind: 'message',
  key: keys.contentKey,
  senderRole: 'staff',
  body: { text: 'Thank you for telling us.' },
  signer: staff
});
const opening: DecryptEntryInput = {
  ...base,
  kind: 'message',
  key: keys.contentKey,
  senderRole: 'staff',
  ciphertext: message,
  senderSignPublicKey: staff.publicKey
};

describe('entries', () => {
  it('round-trips and reports the signature as verified', () => {
    expect(decryptEntry(opening)).toEqual({
      body: { text: 'Thank you for telling us.' },
      verified: true,
      prev: chainGenesis('case-1', 'case')
    });
  });

  it('fails with the wrong key', () => {
    expect(() => decryptEntry({ ...opening, key: newCaseKeys().contentKey })).toThrow(
      DecryptionError
    );
  });

  it.each([
    ['another case id', { caseId: 'case-2' }],
    ['another entry id', { entryId: 'entry-2' }],
    ['another kind', { kind: 'action' }],
    ['another sender role', { senderRole: 'reporter' }]
  ])('fails under %s', (_, change) => {
    expect(() => decryptEntry({ ...opening, ...change } as DecryptEntryInput)).toThrow(
      SignatureError
    );
  });

  it('rejects a forged signature and a swapped sender key', () => {
    const forged = message.slice();
    forged[30]! ^= 0xff;
    expect(() => decryptEntry({ ...opening, ciphertext: forged })).toThrow(SignatureError);
    expect(() => decryptEntry({ ...opening, senderSignPublicKey: reporter.publicKey })).toThrow(
      SignatureError
    );
  });

  it('rejects an altered version byte and a truncated entry', () => {
    const altered = message.slice();
    altered[0] = 3;
    expect(() => decryptEntry({ ...opening, ciphertext: altered })).toThrow(CryptoFormatError);
    // Read as format 1 (no chain link), the same bytes no longer verify.
    altered[0] = 1;
    expect(() => decryptEntry({ ...opening, ciphertext: altered })).toThrow(SignatureError);
    expect(() => decryptEntry({ ...opening, ciphertext: message.subarray(0, 60) })).toThrow(
      CryptoFormatError
    );
  });

  it('binds the chain link: a changed prev fails the signature', () => {
    const moved = message.slice();
    moved[5]! ^= 0x01;
    expect(() => decryptEntry({ ...opening, ciphertext: moved })).toThrow(SignatureError);
  });

  it('lets a reporter send messages only', () => {
    expect(() =>
      encryptEntry({
        ...base,
        kind: 'note',
        key: keys.staffKey,
        senderRole: 'reporter',
        body: 'x',
        signer: reporter
      })
    ).toThrow(CryptoFormatError);
  });

  it('never opens a note with what the reporter holds', () => {
    const note = encryptEntry({
      ...base,
      kind: 'note',
      key: keys.staffKey,
      senderRole: 'staff',
      body: { text: 'Internal: spoke to the chair.' },
      signer: staff
    });
    const reporterBox = generateBoxKeyPair();
    const held = openSealedCaseKeys(
      sealCaseKeysFor(reporterBox.publicKey, keys, { includeStaffKey: false }),
      reporterBox
    );
    expect(held.staffKey).toBeUndefined();
    // Even forcing the content key into the note slot does not open it.
    expect(() =>
      decryptEntry({
        ...base,
        kind: 'note',
        key: held.contentKey as unknown as typeof keys.staffKey,
        senderRole: 'staff',
        ciphertext: note,
        senderSignPublicKey: staff.publicKey
      })
    ).toThrow(DecryptionError);
    // And a note cannot be read as a message.
    expect(() =>
      decryptEntry({
        ...base,
        kind: 'message',
        key: held.contentKey as ContentKey,
        senderRole: 'staff',
        ciphertext: note,
        senderSignPublicKey: staff.publicKey
      })
    ).toThrow(SignatureError);
  });
});
