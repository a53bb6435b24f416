// Property tests: round trips over random documents, recipient sets and stream sizes.
// No Argon2id inside properties (too slow); key pairs come from the CSPRNG.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './encoding';
import { chainGenesis } from './chain';
import { decryptEntry, encryptEntry } from './entries';
import {
  decryptReport,
  encryptReport,
  newCaseKeys,
  openSealedCaseKeys,
  sealCaseKeysFor
} from './envelope';
import { CryptoFormatError, DecryptionError } from './errors';
import { encryptBlob, decryptChunks } from './file-jobs';
import { FILE_CHUNK_BYTES } from './params';
import { decryptWhole, encryptWhole } from '../../../tests/support/files';
import { formatHumanCode, parseHumanCode } from './human-code';
import { CaseKeyTypoError } from './errors';
import { generateBoxKeyPair, generateSignKeyPair } from './primitives';
import { ready } from './sodium';

await ready();

const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('properties', () => {
  it('reports and entries round-trip for any JSON document', () => {
    const keys = newCaseKeys();
    const signer = generateSignKeyPair();
    fc.assert(
      fc.property(json, fc.string(), fc.string(), (doc, caseId, entryId) => {
        const report = encryptReport(
          keys.contentKey,
          caseId,
          doc,
          signer,
          generateBoxKeyPair().publicKey
        );
        expect(decryptReport(keys.contentKey, caseId, report, signer.publicKey)).toEqual(doc);
        const entry = encryptEntry({
          kind: 'message',
          key: keys.contentKey,
          caseId,
          entryId,
          senderRole: 'reporter',
          body: doc,
          signer,
          prev: chainGenesis(caseId, 'case')
        });
        const opened = decryptEntry({
          kind: 'message',
          key: keys.contentKey,
          caseId,
          entryId,
          senderRole: 'reporter',
          ciphertext: entry,
          senderSignPublicKey: signer.publicKey
        });
        expect(opened.body).toEqual(doc);
      }),
      { numRuns: 50 }
    );
  });

  it('every recipient in a set opens the case keys; nobody outside it does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 1000 }),
        (staffFlags, epoch) => {
          const keys = { ...newCaseKeys(), epoch };
          const recipients = staffFlags.map((includeStaffKey) => ({
            pair: generateBoxKeyPair(),
            includeStaffKey
          }));
          const sealed = recipients.map((r) =>
            sealCaseKeysFor(r.pair.publicKey, keys, { includeStaffKey: r.includeStaffKey })
          );
          recipients.forEach((r, i) => {
            const opened = openSealedCaseKeys(sealed[i]!, r.pair);
            expect(opened.contentKey).toEqual(keys.contentKey);
            expect(opened.epoch).toBe(epoch);
            expect(opened.staffKey).toEqual(r.includeStaffKey ? keys.staffKey : undefined);
          });
          const outsider = generateBoxKeyPair();
          for (const s of sealed) {
            expect(() => openSealedCaseKeys(s, outsider)).toThrow(DecryptionError);
          }
        }
      ),
      { numRuns: 15 }
    );
  });

  it('evidence files round-trip for any size, at and around chunk boundaries', async () => {
    const size = fc.oneof(
      fc.integer({ min: 0, max: 70_000 }),
      fc.integer({ min: FILE_CHUNK_BYTES - 40, max: FILE_CHUNK_BYTES + 40 }),
      fc.integer({ min: 0, max: 2 * FILE_CHUNK_BYTES + 100 })
    );
    await fc.assert(
      fc.asyncProperty(size, fc.integer({ min: 0, max: 255 }), async (n, seed) => {
        const plaintext = new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);
        const ctx = { caseId: 'c', fileId: 'f' };
        const { chunks, secrets } = await encryptWhole(
          await encryptBlob(new Blob([plaintext]), ctx)
        );
        const out = await decryptWhole(decryptChunks, ctx, secrets, chunks);
        expect(Buffer.from(out).equals(Buffer.from(plaintext))).toBe(true);
      }),
      { numRuns: 12 }
    );
  });

  it('base64 is canonical both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      })
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          expect(toBase64(fromBase64(text))).toBe(text);
        } catch (e) {
          expect(e).toBeInstanceOf(CryptoFormatError);
        }
      })
    );
  });

  it('human codes round-trip and reject any single substitution', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 15, maxLength: 15 }),
        fc.nat({ max: 24 }),
        fc.nat({ max: 30 }),
        (bytes, position, shift) => {
          const code = formatHumanCode('caseKey', bytes);
          const make = (m: string, r: 'length' | 'character' | 'check') =>
            new CaseKeyTypoError(m, r);
          expect(parseHumanCode('caseKey', code, make)).toEqual(bytes);
          const symbols = code.replace(/-/g, '');
          const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
          const replaced = alphabet[(alphabet.indexOf(symbols[position]!) + shift + 1) % 32]!;
          const typo = symbols.slice(0, position) + replaced + symbols.slice(position + 1);
          expect(() => parseHumanCode('caseKey', typo, make)).toThrow(CaseKeyTypoError);
        }
      ),
      { numRuns: 200 }
    );
  });
});
