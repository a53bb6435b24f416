// Case envelope: per-case keys, sealing them to recipients, and the report itself.
import { ByteReader, canonical, concatBytes, expectLength, expectVersion, u32be } from './encoding';
import { CryptoFormatError, DecryptionError, SignatureError } from './errors';
import {
  BOX_KEY_BYTES,
  DOMAIN,
  KEY_BYTES,
  LEGACY_VERSION,
  SEAL_OVERHEAD_BYTES,
  SIGNATURE_BYTES,
  VERSION,
  XCHACHA_NONCE_BYTES
} from './params';
import {
  aeadDecrypt,
  aeadEncrypt,
  decodeJson,
  encodeJson,
  newNonce,
  randomBytes,
  signDetached,
  verifyDetached
} from './primitives';
import { lib } from './sodium';
import type {
  BoxKeyPair,
  BoxPublicKey,
  CaseKeys,
  ContentKey,
  OpenedCaseKeys,
  SignKeyPair,
  SignPublicKey,
  StaffOnlyKey
} from './types';

/** What a sealed box holds; the purpose byte stops one kind of sealed secret passing as another. */
export const SEAL_PURPOSE = { caseKeys: 1, unitSigningKey: 2, receipt: 3 } as const;
export type SealPurpose = keyof typeof SEAL_PURPOSE;

/**
 * Format: version(1) ‖ crypto_box_seal(version ‖ purpose(1) ‖ payload).
 * Sealed boxes are anonymous: they prove nothing about who sealed them (see PROTOCOL.md).
 */
export function sealToBoxKey(
  recipient: BoxPublicKey,
  purpose: SealPurpose,
  payload: Uint8Array
): Uint8Array {
  expectLength(recipient, BOX_KEY_BYTES, 'Recipient box public key');
  const version = new Uint8Array([VERSION.sealedBox]);
  const inner = concatBytes(version, new Uint8Array([SEAL_PURPOSE[purpose]]), payload);
  return concatBytes(version, lib().crypto_box_seal(inner, recipient));
}

export function openSealedBox(
  sealed: Uint8Array,
  recipient: BoxKeyPair,
  purpose: SealPurpose
): Uint8Array {
  const r = new ByteReader(sealed, 'Sealed box');
  expectVersion(r.byte(), VERSION.sealedBox, 'Sealed box');
  const body = r.rest();
  if (body.length < SEAL_OVERHEAD_BYTES + 2) throw new CryptoFormatError('Sealed box: too short');
  let inner: Uint8Array;
  try {
    inner = lib().crypto_box_seal_open(body, recipient.publicKey, recipient.privateKey);
  } catch {
    throw new DecryptionError('Sealed box: not for this key, or altered');
  }
  const p = new ByteReader(inner, 'Sealed box payload');
  expectVersion(p.byte(), VERSION.sealedBox, 'Sealed box payload');
  if (p.byte() !== SEAL_PURPOSE[purpose]) {
    throw new CryptoFormatError(`Sealed box: does not hold ${purpose}`);
  }
  return p.rest();
}

export function newCaseKeys(): CaseKeys {
  return {
    epoch: 0,
    contentKey: randomBytes(KEY_BYTES) as ContentKey,
    staffKey: randomBytes(KEY_BYTES) as StaffOnlyKey
  };
}

/**
 * New keys for the next epoch, after someone loses access. Old entries stay under the
 * old keys; the remaining holders get both (seal each epoch to them).
 */
export function rotateCaseKeys(previous: { epoch: number }): CaseKeys {
  return { ...newCaseKeys(), epoch: previous.epoch + 1 };
}

const HAS_STAFF_KEY = 1;

/** Bundle: version(1) ‖ flags(1) ‖ epoch(u32) ‖ contentKey(32) [‖ staffKey(32)]. */
export function encodeCaseKeyBundle(keys: OpenedCaseKeys, includeStaffKey: boolean): Uint8Array {
  expectLength(keys.contentKey, KEY_BYTES, 'Content key');
  const parts = [
    new Uint8Array([VERSION.caseKeyBundle, includeStaffKey ? HAS_STAFF_KEY : 0]),
    u32be(keys.epoch),
    keys.contentKey
  ];
  if (includeStaffKey) {
    if (!keys.staffKey) throw new CryptoFormatError('No staff-only key to include');
    expectLength(keys.staffKey, KEY_BYTES, 'Staff-only key');
    parts.push(keys.staffKey);
  }
  return concatBytes(...parts);
}

export function decodeCaseKeyBundle(bundle: Uint8Array): OpenedCaseKeys {
  const r = new ByteReader(bundle, 'Case key bundle');
  expectVersion(r.byte(), VERSION.caseKeyBundle, 'Case key bundle');
  const flags = r.byte();
  if (flags !== 0 && flags !== HAS_STAFF_KEY) throw new CryptoFormatError('Case key bundle: flags');
  const epoch = r.u32();
  const contentKey = r.take(KEY_BYTES).slice() as ContentKey;
  const staffKey =
    flags === HAS_STAFF_KEY ? (r.take(KEY_BYTES).slice() as StaffOnlyKey) : undefined;
  r.end();
  return staffKey ? { epoch, contentKey, staffKey } : { epoch, contentKey };
}

/**
 * Seals the case keys to one recipient. The reporter's copy must be sealed with
 * `includeStaffKey: false`: internal notes are for staff only.
 */
export function sealCaseKeysFor(
  recipientBoxPublicKey: BoxPublicKey,
  keys: OpenedCaseKeys,
  options: { includeStaffKey: boolean }
): Uint8Array {
  const bundle = encodeCaseKeyBundle(keys, options.includeStaffKey);
  try {
    return sealToBoxKey(recipientBoxPublicKey, 'caseKeys', bundle);
  } finally {
    lib().memzero(bundle);
  }
}

export function openSealedCaseKeys(sealed: Uint8Array, boxKeyPair: BoxKeyPair): OpenedCaseKeys {
  return decodeCaseKeyBundle(openSealedBox(sealed, boxKeyPair, 'caseKeys'));
}

function reportAdV1(caseId: string): Uint8Array {
  return canonical(DOMAIN.report, new Uint8Array([LEGACY_VERSION.report]), 'report', caseId);
}

function reportAd(caseId: string, sign: SignPublicKey, box: BoxPublicKey): Uint8Array {
  return canonical(DOMAIN.reportV2, new Uint8Array([VERSION.report]), 'report', caseId, sign, box);
}

/**
 * Format 2: version(1) ‖ reporterBoxPublicKey(32) ‖ nonce(24) ‖ signature(64) ‖ ciphertext.
 * The AD binds the case id and both reporter public keys, and the signature (the reporter's
 * case-key Ed25519 key) covers the header, the AD and the ciphertext: nobody without the content
 * key can swap either reporter key, and nobody without the reporter's key can pass off another
 * report as theirs. Readers take the reporter's box key from here, never from the server alone.
 */
export function encryptReportWithNonce(
  contentKey: ContentKey,
  caseId: string,
  report: unknown,
  signer: SignKeyPair,
  reporterBoxPublicKey: BoxPublicKey,
  nonce: Uint8Array
): Uint8Array {
  expectLength(reporterBoxPublicKey, BOX_KEY_BYTES, 'Reporter box public key');
  const header = concatBytes(new Uint8Array([VERSION.report]), reporterBoxPublicKey, nonce);
  const ad = reportAd(caseId, signer.publicKey, reporterBoxPublicKey);
  const ciphertext = aeadEncrypt(contentKey, nonce, encodeJson(report), ad);
  const signature = signDetached(
    canonical(DOMAIN.reportV2, header, ad, ciphertext),
    signer.privateKey
  );
  return concatBytes(header, signature, ciphertext);
}

export function encryptReport(
  contentKey: ContentKey,
  caseId: string,
  report: unknown,
  signer: SignKeyPair,
  reporterBoxPublicKey: BoxPublicKey
): Uint8Array {
  return encryptReportWithNonce(
    contentKey,
    caseId,
    report,
    signer,
    reporterBoxPublicKey,
    newNonce()
  );
}

export interface OpenedReport {
  body: unknown;
  version: number;
  /** The reporter's box key the signed report binds; null for format 1, which bound none. */
  reporterBoxPublicKey: BoxPublicKey | null;
}

/** Verifies the reporter's signature first, then decrypts; reads formats 1 and 2. */
export function openReport(
  contentKey: ContentKey,
  caseId: string,
  encrypted: Uint8Array,
  reporterSignPublicKey: SignPublicKey
): OpenedReport {
  const r = new ByteReader(encrypted, 'Report');
  const version = r.byte();
  if (version === LEGACY_VERSION.report) {
    const nonce = r.take(XCHACHA_NONCE_BYTES);
    const signature = r.take(SIGNATURE_BYTES);
    const ciphertext = r.rest();
    const header = encrypted.subarray(0, 1 + XCHACHA_NONCE_BYTES);
    const ad = reportAdV1(caseId);
    if (
      !verifyDetached(
        signature,
        canonical(DOMAIN.report, header, ad, ciphertext),
        reporterSignPublicKey
      )
    ) {
      throw new SignatureError('Report: signature does not match the reporter key');
    }
    const body = decodeJson(aeadDecrypt(contentKey, nonce, ciphertext, ad, 'Report'), 'Report');
    return { body, version, reporterBoxPublicKey: null };
  }
  expectVersion(version, VERSION.report, 'Report');
  const box = r.take(BOX_KEY_BYTES).slice() as BoxPublicKey;
  const nonce = r.take(XCHACHA_NONCE_BYTES);
  const signature = r.take(SIGNATURE_BYTES);
  const ciphertext = r.rest();
  const header = encrypted.subarray(0, 1 + BOX_KEY_BYTES + XCHACHA_NONCE_BYTES);
  const ad = reportAd(caseId, reporterSignPublicKey, box);
  if (
    !verifyDetached(
      signature,
      canonical(DOMAIN.reportV2, header, ad, ciphertext),
      reporterSignPublicKey
    )
  ) {
    throw new SignatureError('Report: signature does not match the reporter key');
  }
  const body = decodeJson(aeadDecrypt(contentKey, nonce, ciphertext, ad, 'Report'), 'Report');
  return { body, version, reporterBoxPublicKey: box };
}

/** The reporter's box key a format-2 report carries (readable without any key), else null. */
export function reportedBoxPublicKey(encrypted: Uint8Array): BoxPublicKey | null {
  if (encrypted[0] !== VERSION.report || encrypted.length < 1 + BOX_KEY_BYTES) return null;
  return encrypted.slice(1, 1 + BOX_KEY_BYTES) as BoxPublicKey;
}

/** Verifies the reporter's signature first, then decrypts. */
export function decryptReport(
  contentKey: ContentKey,
  caseId: string,
  encrypted: Uint8Array,
  reporterSignPublicKey: SignPublicKey
): unknown {
  return openReport(contentKey, caseId, encrypted, reporterSignPublicKey).body;
}
