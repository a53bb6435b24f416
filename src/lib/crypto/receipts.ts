// Signed proof of filing (docs/PROTOCOL.md §13). The server signs that a report with this
// ciphertext was filed for this case, with this organisation, on this day; the reporter's browser
// checks the signature against the published receipt key and keeps the receipt sealed to the
// reporter's own box key, so only the case key opens it again.
import { canonical, fromBase64, fromHex, toBase64, toHex, concatBytes } from './encoding';
import { CryptoFormatError } from './errors';
import { openSealedBox, sealToBoxKey } from './envelope';
import { DOMAIN, VERSION } from './params';
import {
  decodeJson,
  encodeJson,
  randomBytes,
  sha256,
  signDetached,
  signKeyPairFromSeed,
  verifyDetached
} from './primitives';
import { fingerprint } from './roster';
import type { BoxKeyPair, BoxPublicKey, SignKeyPair, SignPublicKey } from './types';

export const RECEIPT_FORMAT = 'candour-receipt/1';

/** What a receipt says, as printed and as sealed for the reporter. Byte fields are base64/hex. */
export interface Receipt {
  format: typeof RECEIPT_FORMAT;
  organisationId: string;
  caseId: string;
  /** UTC `YYYY-MM-DD` the server received the report. */
  day: string;
  /** SHA-256 of the report ciphertext as stored, hex. */
  reportHash: string;
  /** The server's receipt public key (Ed25519), base64. */
  serverKey: string;
  /** `0x01 ‖ Ed25519(64)` over the receipt message, base64. */
  signature: string;
}

export interface ReceiptFacts {
  organisationId: string;
  caseId: string;
  day: string;
  reportCiphertext: Uint8Array;
}

/** Why a receipt was refused; `ok` when every check passed. */
export type ReceiptCheck =
  { ok: true } | { ok: false; reason: 'format' | 'key' | 'signature' | 'report' | 'case' };

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function receiptMessage(
  organisationId: string,
  caseId: string,
  day: string,
  reportHash: Uint8Array
): Uint8Array {
  if (!DAY.test(day)) throw new CryptoFormatError('Receipt day must be YYYY-MM-DD');
  if (reportHash.length !== 32) throw new CryptoFormatError('Receipt report hash: 32 bytes');
  return canonical(
    DOMAIN.receipt,
    new Uint8Array([VERSION.receipt]),
    organisationId,
    caseId,
    day,
    reportHash
  );
}

/** A new receipt signing seed (32 bytes): made once per deployment, kept by the server. */
export function newReceiptSeed(): Uint8Array {
  return randomBytes(32);
}

export function receiptKeyPair(seed: Uint8Array): SignKeyPair {
  return signKeyPairFromSeed(seed);
}

/** Fingerprint of a receipt key, as published and printed: 8 groups of 4 symbols. */
export function receiptKeyFingerprint(publicKey: Uint8Array): string {
  return fingerprint(publicKey);
}

export function reportHashOf(reportCiphertext: Uint8Array): string {
  return toHex(sha256(reportCiphertext));
}

/** The server's signature over the facts of a filing. Deterministic (Ed25519): a retry gets the same receipt. */
export function signReceipt(key: SignKeyPair, facts: ReceiptFacts): Receipt {
  const hash = sha256(facts.reportCiphertext);
  const message = receiptMessage(facts.organisationId, facts.caseId, facts.day, hash);
  const signature = concatBytes(
    new Uint8Array([VERSION.receipt]),
    signDetached(message, key.privateKey)
  );
  return {
    format: RECEIPT_FORMAT,
    organisationId: facts.organisationId,
    caseId: facts.caseId,
    day: facts.day,
    reportHash: toHex(hash),
    serverKey: toBase64(key.publicKey),
    signature: toBase64(signature)
  };
}

/**
 * Checks a receipt: its shape, that it is signed by `publicKey` (the published key, never the one
 * the receipt names), and, when given, that it is for this case and this ciphertext. Never throws.
 */
export function checkReceipt(
  receipt: unknown,
  expected: {
    publicKey: SignPublicKey | Uint8Array;
    organisationId?: string;
    caseId?: string;
    reportCiphertext?: Uint8Array;
  }
): ReceiptCheck {
  const r = parseReceipt(receipt);
  if (!r) return { ok: false, reason: 'format' };
  let serverKey: Uint8Array, signature: Uint8Array, hash: Uint8Array, message: Uint8Array;
  try {
    serverKey = fromBase64(r.serverKey);
    signature = fromBase64(r.signature);
    hash = fromHex(r.reportHash);
    message = receiptMessage(r.organisationId, r.caseId, r.day, hash);
  } catch {
    return { ok: false, reason: 'format' };
  }
  if (!sameBytes(serverKey, expected.publicKey)) return { ok: false, reason: 'key' };
  if (signature.length !== 65 || signature[0] !== VERSION.receipt) {
    return { ok: false, reason: 'format' };
  }
  if (!verifyDetached(signature.subarray(1), message, expected.publicKey as SignPublicKey)) {
    return { ok: false, reason: 'signature' };
  }
  if (
    (expected.organisationId !== undefined && expected.organisationId !== r.organisationId) ||
    (expected.caseId !== undefined && expected.caseId !== r.caseId)
  ) {
    return { ok: false, reason: 'case' };
  }
  if (
    expected.reportCiphertext !== undefined &&
    !sameBytes(sha256(expected.reportCiphertext), hash)
  ) {
    return { ok: false, reason: 'report' };
  }
  return { ok: true };
}

/** Seals a receipt to the reporter's box key: sealed box, purpose 3, payload padded JSON. */
export function sealReceipt(receipt: Receipt, reporterBoxPublicKey: BoxPublicKey): Uint8Array {
  return sealToBoxKey(reporterBoxPublicKey, 'receipt', encodeJson(receipt));
}

/** Opens a sealed receipt with the reporter's box pair; the result still needs `checkReceipt`. */
export function openReceipt(sealed: Uint8Array, reporterBox: BoxKeyPair): Receipt {
  const value = decodeJson(openSealedBox(sealed, reporterBox, 'receipt'), 'Receipt');
  const r = parseReceipt(value);
  if (!r) throw new CryptoFormatError('Receipt: not a receipt');
  return r;
}

function parseReceipt(value: unknown): Receipt | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const fields = ['organisationId', 'caseId', 'day', 'reportHash', 'serverKey', 'signature'];
  if (v.format !== RECEIPT_FORMAT) return null;
  if (!fields.every((f) => typeof v[f] === 'string' && (v[f] as string).length <= 200)) {
    return null;
  }
  return {
    format: RECEIPT_FORMAT,
    organisationId: v.organisationId as string,
    caseId: v.caseId as string,
    day: v.day as string,
    reportHash: v.reportHash as string,
    serverKey: v.serverKey as string,
    signature: v.signature as string
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
