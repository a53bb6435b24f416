// Known-answer vectors from tests/vectors/. This one file runs in Node (unit project)
// and in Chromium (browser project); both must recompute the same bytes.
import { describe, expect, it } from 'vitest';
import caseKeyDerivation from '../../../tests/vectors/case-key-derivation.json';
import envelope from '../../../tests/vectors/envelope.json';
import envelopeV2 from '../../../tests/vectors/envelope-v2.json';
import humanCodes from '../../../tests/vectors/human-codes.json';
import roster from '../../../tests/vectors/roster.json';
import staffKeys from '../../../tests/vectors/staff-keys.json';
import fileV2 from '../../../tests/vectors/file-v2.json';
import fileV3 from '../../../tests/vectors/file-v3.json';
import unitTrust from '../../../tests/vectors/unit-trust.json';
import receiptVector from '../../../tests/vectors/receipt.json';
import { deriveCaseKeys, formatCaseKey, lookupHash, parseCaseKey } from './case-key';
import { concatBytes, fromBase64, fromHex, toBase64, toHex } from './encoding';
import {
  decodeCaseKeyBundle,
  decryptReport,
  encodeCaseKeyBundle,
  encryptReportWithNonce,
  openReport
} from './envelope';
import { chainGenesis, entryLink, verifyChains } from './chain';
import { decryptEntry, encryptEntryWithNonce, type EntryKey } from './entries';
import { FileDecryptor, type FileFormat } from './file-stream';
import { boxKeyPairFromSeed, signKeyPairFromSeed } from './primitives';
import { signRequest, verifyRequest } from './requests';
import {
  fingerprint,
  openRosterList,
  signRosterEntry,
  signRosterList,
  verifyRosterEntry
} from './roster';
import {
  signUnitKeyTransition,
  signUnitLink,
  unitKeyFollowsFrom,
  verifyUnitLink
} from './unit-keys';
import { checkReceipt, receiptKeyFingerprint, signReceipt } from './receipts';
import { ready } from './sodium';
import {
  derivePasswordSecrets,
  formatRecoveryCode,
  parseRecoveryCode,
  recoverySecretsFromCode,
  unwrapStaffKeys,
  wrapStaffKeysWithNonce
} from './staff';
import type {
  BoxPublicKey,
  CaseKeyBytes,
  ContentKey,
  KeyEncryptionKey,
  RecoveryCodeBytes,
  SignPublicKey,
  StaffOnlyKey
} from './types';

await ready();

const bytes = fromHex;

describe('human codes', () => {
  it.each(humanCodes.caseKeys)('formats and parses case key $formatted', (v) => {
    expect(formatCaseKey(bytes(v.bytes) as CaseKeyBytes)).toBe(v.formatted);
    expect(toHex(parseCaseKey(v.formatted))).toBe(v.bytes);
  });

  it.each(humanCodes.recoveryCodes)('formats and parses recovery code $formatted', (v) => {
    expect(formatRecoveryCode(bytes(v.bytes) as RecoveryCodeBytes)).toBe(v.formatted);
    expect(toHex(parseRecoveryCode(v.formatted))).toBe(v.bytes);
  });
});

describe('case-key derivation (Argon2id)', () => {
  it.each(caseKeyDerivation)('derives keys for $organisationId', async (v) => {
    const keys = await deriveCaseKeys(parseCaseKey(v.caseKey), v.organisationId);
    expect(toHex(keys.lookupToken)).toBe(v.lookupToken);
    expect(toHex(lookupHash(keys.lookupToken))).toBe(v.lookupHash);
    expect(toHex(keys.sign.publicKey)).toBe(v.signPublicKey);
    expect(toHex(keys.box.publicKey)).toBe(v.boxPublicKey);
  });
});

describe('staff keys', () => {
  it('derives password secrets', async () => {
    const v = staffKeys.password;
    const secrets = await derivePasswordSecrets(v.password, bytes(v.salt));
    expect(toHex(secrets.keyEncryptionKey)).toBe(v.keyEncryptionKey);
    expect(toHex(secrets.loginSecret)).toBe(v.loginSecret);
  });

  it('derives the recovery key and proof', async () => {
    const v = staffKeys.recovery;
    const secrets = await recoverySecretsFromCode(v.code);
    expect(toHex(secrets.recoveryKey)).toBe(v.recoveryKey);
    expect(toHex(secrets.recoveryProof)).toBe(v.recoveryProof);
  });

  it('wraps and unwraps staff keys', () => {
    const v = staffKeys.wrapped;
    const keys = {
      box: boxKeyPairFromSeed(bytes(v.boxSeed)),
      sign: signKeyPairFromSeed(bytes(v.signSeed))
    };
    const kek = bytes(v.keyEncryptionKey) as KeyEncryptionKey;
    expect(toHex(wrapStaffKeysWithNonce(keys, kek, 'password', bytes(v.nonce)))).toBe(v.wrapped);
    const unwrapped = unwrapStaffKeys(bytes(v.wrapped), kek);
    expect(toHex(unwrapped.box.publicKey)).toBe(v.boxPublicKey);
    expect(toHex(unwrapped.sign.publicKey)).toBe(v.signPublicKey);
  });
});

describe('case envelope', () => {
  const contentKey = bytes(envelope.contentKey) as ContentKey;
  const staffKey = bytes(envelope.staffKey) as StaffOnlyKey;

  it.each(envelope.bundles)('encodes the epoch $epoch key bundle', (v) => {
    const keys = { epoch: v.epoch, contentKey, staffKey };
    expect(toHex(encodeCaseKeyBundle(keys, v.includeStaffKey))).toBe(v.bytes);
    const decoded = decodeCaseKeyBundle(bytes(v.bytes));
    expect(decoded.epoch).toBe(v.epoch);
    expect(decoded.staffKey === undefined).toBe(!v.includeStaffKey);
  });

  it('reads the format-1 report', () => {
    const v = envelope.report;
    const pk = bytes(v.reporterSignPublicKey) as SignPublicKey;
    expect(decryptReport(contentKey, envelope.caseId, bytes(v.ciphertext), pk)).toEqual(v.body);
  });

  it.each(envelope.entries)('reads format-1 entry $entryId ($kind)', (v) => {
    const key = (
      v.kind === 'note' ? { kind: 'note', key: staffKey } : { kind: v.kind, key: contentKey }
    ) as EntryKey;
    const opened = decryptEntry({
      ...key,
      caseId: envelope.caseId,
      entryId: v.entryId,
      senderRole: v.senderRole as 'reporter' | 'staff',
      ciphertext: bytes(v.ciphertext),
      senderSignPublicKey: bytes(v.senderSignPublicKey) as SignPublicKey
    });
    expect(opened).toEqual({ body: v.body, verified: true, prev: null });
  });
});

describe('case envelope, format 2', () => {
  const v2 = envelopeV2;
  const contentKey = bytes(v2.contentKey) as ContentKey;
  const staffKey = bytes(v2.staffKey) as StaffOnlyKey;

  it('encrypts and signs the report, binding both reporter keys', () => {
    const v = v2.report;
    const signer = signKeyPairFromSeed(bytes(v.reporterSignSeed));
    const box = bytes(v.reporterBoxPublicKey) as BoxPublicKey;
    const ct = encryptReportWithNonce(contentKey, v2.caseId, v.body, signer, box, bytes(v.nonce));
    expect(toHex(ct)).toBe(v.ciphertext);
    const opened = openReport(contentKey, v2.caseId, ct, signer.publicKey);
    expect(opened.body).toEqual(v.body);
    expect(toHex(opened.reporterBoxPublicKey!)).toBe(v.reporterBoxPublicKey);
  });

  it.each(v2.entries)('encrypts, signs and links entry $entryId ($kind)', (v) => {
    const key = (
      v.kind === 'note' ? { kind: 'note', key: staffKey } : { kind: v.kind, key: contentKey }
    ) as EntryKey;
    const context = {
      ...key,
      caseId: v2.caseId,
      entryId: v.entryId,
      senderRole: v.senderRole as 'reporter' | 'staff'
    };
    const signer = signKeyPairFromSeed(bytes(v.signerSeed));
    const ct = encryptEntryWithNonce(
      { ...context, body: v.body, signer, prev: bytes(v.prev) },
      bytes(v.nonce)
    );
    expect(toHex(ct)).toBe(v.ciphertext);
    expect(toHex(entryLink(ct))).toBe(v.link);
    const opened = decryptEntry({
      ...context,
      ciphertext: ct,
      senderSignPublicKey: bytes(v.senderSignPublicKey) as SignPublicKey
    });
    expect(opened.body).toEqual(v.body);
    expect(toHex(opened.prev!)).toBe(v.prev);
  });

  it('the entries form unbroken chains', () => {
    const entries = v2.entries.map((e) => ({
      id: e.entryId,
      kind: e.kind,
      bytes: bytes(e.ciphertext)
    }));
    const check = verifyChains(v2.caseId, entries, { strict: true, chains: ['case', 'notes'] });
    expect(check).toEqual({ ok: true, problems: [], legacy: 0 });
    expect(toHex(chainGenesis(v2.caseId, 'case'))).toBe(v2.entries[0]!.prev);
  });
});

describe('evidence files', () => {
  // Format 2 (frozen: written by the code before format 3) and format 3 are both read.
  for (const [format, v] of [
    [2, fileV2],
    [3, fileV3]
  ] as const) {
    it(`decrypts the recorded format-${format} chunks and checks their signed hash`, () => {
      const secrets = {
        key: fromBase64(v.key),
        header: fromBase64(v.header),
        size: v.size,
        hash: fromBase64(v.hash),
        format: format as FileFormat
      };
      const d = new FileDecryptor({ caseId: v.caseId, fileId: v.fileId }, secrets);
      const parts = v.chunks.map((c, i) => d.pull(i, fromBase64(c)).slice());
      d.finish();
      expect(toBase64(concatBytes(...parts))).toBe(v.plaintext);
      // The same chunks under the other format's rules do not open.
      const other = { ...secrets, format: (format === 2 ? 3 : 2) as FileFormat };
      const wrong = new FileDecryptor({ caseId: v.caseId, fileId: v.fileId }, other);
      expect(() => wrong.pull(0, fromBase64(v.chunks[0]!))).toThrow();
    });
  }
});

describe('roster, fingerprints, requests', () => {
  const unit = signKeyPairFromSeed(bytes(roster.unitSignSeed));
  const entry = {
    ...roster.entry,
    boxPublicKey: bytes(roster.entry.boxPublicKey) as BoxPublicKey,
    signPublicKey: bytes(roster.entry.signPublicKey) as SignPublicKey
  };

  it('signs the roster entry', () => {
    expect(toHex(unit.publicKey)).toBe(roster.unitSignPublicKey);
    expect(toHex(signRosterEntry(unit.privateKey, entry))).toBe(roster.signature);
    expect(verifyRosterEntry(unit.publicKey, entry, bytes(roster.signature))).toBe(true);
  });

  it.each(roster.fingerprints)('fingerprints $fingerprint', (v) => {
    expect(fingerprint(...v.keys.map(bytes))).toBe(v.fingerprint);
  });

  it('signs a reporter request', () => {
    const v = roster.request;
    const sign = signKeyPairFromSeed(bytes(v.signSeed));
    const request = { method: v.method, path: v.path, body: bytes(v.body), day: v.day };
    expect(signRequest(sign, request)).toBe(v.signature);
    expect(verifyRequest(sign.publicKey, v.signature, request)).toBe(true);
  });
});

describe('roster list, unit key transition, unit link', () => {
  const unit = signKeyPairFromSeed(bytes(unitTrust.unitSignSeed));
  const next = signKeyPairFromSeed(bytes(unitTrust.nextUnitSignSeed));
  const body = signKeyPairFromSeed(bytes(unitTrust.bodyUnitSignSeed));
  const v = unitTrust.rosterList;
  const list = {
    unitId: v.unitId,
    version: v.version,
    members: v.members.map((m) => ({
      ...m,
      status: m.status as 'active' | 'on_leave',
      boxPublicKey: bytes(m.boxPublicKey) as BoxPublicKey,
      signPublicKey: bytes(m.signPublicKey) as SignPublicKey
    }))
  };

  it('signs and opens the roster list', () => {
    expect(toHex(signRosterList(unit.privateKey, list))).toBe(v.signed);
    const opened = openRosterList(unit.publicKey, v.unitId, bytes(v.signed));
    expect(opened.version).toBe(v.version);
    expect(opened.members.map((m) => m.personId)).toEqual(v.members.map((m) => m.personId));
  });

  it('signs the unit key transition', () => {
    const t = unitTrust.transition;
    expect(toHex(signUnitKeyTransition(t.unitId, unit, next.publicKey))).toBe(t.signed);
    expect(unitKeyFollowsFrom(t.unitId, unit.publicKey, next.publicKey, bytes(t.signed))).toBe(
      true
    );
  });

  it('signs the unit link on both sides', () => {
    const l = unitTrust.link;
    const link = {
      organisationId: l.organisationId,
      organisationKey: unit.publicKey,
      bodyId: l.bodyId,
      bodyKind: l.bodyKind,
      bodyName: l.bodyName,
      bodyKey: body.publicKey
    };
    expect(toHex(signUnitLink(unit.privateKey, link))).toBe(l.organisationSignature);
    expect(toHex(signUnitLink(body.privateKey, link))).toBe(l.bodySignature);
    expect(verifyUnitLink(body.publicKey, link, bytes(l.bodySignature))).toBe(true);
  });
});

describe('receipt (proof of filing)', () => {
  const v = receiptVector;
  const server = signKeyPairFromSeed(bytes(v.serverSignSeed));
  const facts = {
    organisationId: v.organisationId,
    caseId: v.caseId,
    day: v.day,
    reportCiphertext: bytes(v.reportCiphertext)
  };

  it('signs the same receipt from the same key and facts', () => {
    expect(toHex(server.publicKey)).toBe(v.serverPublicKey);
    expect(receiptKeyFingerprint(server.publicKey)).toBe(v.fingerprint);
    expect(signReceipt(server, facts)).toEqual(v.receipt);
  });

  it('checks the frozen receipt against the published key and the ciphertext', () => {
    expect(
      checkReceipt(v.receipt, {
        publicKey: bytes(v.serverPublicKey),
        organisationId: v.organisationId,
        caseId: v.caseId,
        reportCiphertext: bytes(v.reportCiphertext)
      })
    ).toEqual({ ok: true });
  });
});
