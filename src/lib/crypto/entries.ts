// Case entries: messages and actions under the content key, internal notes under the
// staff-only key; each one signed by its sender.
import { CHAIN_LINK_BYTES } from './chain';
import { ByteReader, canonical, concatBytes, expectLength, expectVersion } from './encoding';
import { CryptoFormatError, SignatureError } from './errors';
import { DOMAIN, LEGACY_VERSION, SIGNATURE_BYTES, VERSION, XCHACHA_NONCE_BYTES } from './params';
import {
  aeadDecrypt,
  aeadEncrypt,
  decodeJson,
  encodeJson,
  newNonce,
  signDetached,
  verifyDetached
} from './primitives';
import type {
  ContentKey,
  EntryKind,
  SenderRole,
  SignKeyPair,
  SignPublicKey,
  StaffOnlyKey
} from './types';

const KINDS: readonly EntryKind[] = ['message', 'note', 'action'];
const ROLES: readonly SenderRole[] = ['reporter', 'staff'];

interface EntryContext {
  caseId: string;
  entryId: string;
  senderRole: SenderRole;
}

/** Notes take the staff-only key; messages and actions the content key. */
export type EntryKey =
  { kind: 'note'; key: StaffOnlyKey } | { kind: 'message' | 'action'; key: ContentKey };

export type EncryptEntryInput = EntryContext &
  EntryKey & {
    body: unknown;
    signer: SignKeyPair;
    /** The chain head this writer saw: `chainGenesis` or `entryLink` of the latest entry. */
    prev: Uint8Array;
  };

export type DecryptEntryInput = EntryContext &
  EntryKey & {
    ciphertext: Uint8Array;
    senderSignPublicKey: SignPublicKey;
  };

function checkContext(kind: EntryKind, senderRole: SenderRole): void {
  if (!KINDS.includes(kind)) throw new CryptoFormatError(`Unknown entry kind ${String(kind)}`);
  if (!ROLES.includes(senderRole)) throw new CryptoFormatError(`Unknown sender role`);
  if (senderRole === 'reporter' && kind !== 'message') {
    throw new CryptoFormatError('A reporter can only send messages');
  }
}

function entryAdV1(c: EntryContext & { kind: EntryKind }): Uint8Array {
  return canonical(
    DOMAIN.entry,
    new Uint8Array([LEGACY_VERSION.entry]),
    c.caseId,
    c.entryId,
    c.kind,
    c.senderRole
  );
}

function entryAd(c: EntryContext & { kind: EntryKind }, prev: Uint8Array): Uint8Array {
  return canonical(
    DOMAIN.entryV2,
    new Uint8Array([VERSION.entry]),
    c.caseId,
    c.entryId,
    c.kind,
    c.senderRole,
    prev
  );
}

/**
 * Format 2: version(1) ‖ prev(32) ‖ nonce(24) ‖ signature(64) ‖ ciphertext. `prev` is the head
 * of the case's chain the writer saw (see chain.ts); AD and signature cover it, so nobody can
 * move, drop or reorder an entry without a reader seeing a broken link.
 */
export function encryptEntryWithNonce(input: EncryptEntryInput, nonce: Uint8Array): Uint8Array {
  checkContext(input.kind, input.senderRole);
  expectLength(input.prev, CHAIN_LINK_BYTES, 'Entry chain link');
  const header = concatBytes(new Uint8Array([VERSION.entry]), input.prev, nonce);
  const ad = entryAd(input, input.prev);
  const ciphertext = aeadEncrypt(input.key, nonce, encodeJson(input.body), ad);
  const signature = signDetached(
    canonical(DOMAIN.entryV2, header, ad, ciphertext),
    input.signer.privateKey
  );
  return concatBytes(header, signature, ciphertext);
}

export function encryptEntry(input: EncryptEntryInput): Uint8Array {
  return encryptEntryWithNonce(input, newNonce());
}

/** The chain head a format-2 entry commits to; null for a format-1 or clear system entry. */
export function entryPrev(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] !== VERSION.entry) return null;
  const r = new ByteReader(bytes, 'Entry');
  r.byte();
  const prev = r.take(CHAIN_LINK_BYTES).slice();
  r.take(XCHACHA_NONCE_BYTES + SIGNATURE_BYTES);
  return prev;
}

/**
 * Checks the sender's signature before decrypting; throws SignatureError if it fails,
 * DecryptionError if the key or context is wrong. Reads formats 1 (no chain link) and 2.
 */
export function decryptEntry(input: DecryptEntryInput): {
  body: unknown;
  verified: true;
  prev: Uint8Array | null;
} {
  checkContext(input.kind, input.senderRole);
  const r = new ByteReader(input.ciphertext, 'Entry');
  const version = r.byte();
  let prev: Uint8Array | null = null;
  let ad: Uint8Array;
  let domain: string;
  if (version === LEGACY_VERSION.entry) {
    ad = entryAdV1(input);
    domain = DOMAIN.entry;
  } else {
    expectVersion(version, VERSION.entry, 'Entry');
    prev = r.take(CHAIN_LINK_BYTES).slice();
    ad = entryAd(input, prev);
    domain = DOMAIN.entryV2;
  }
  const headerLength = prev ? 1 + CHAIN_LINK_BYTES : 1;
  const nonce = r.take(XCHACHA_NONCE_BYTES);
  const signature = r.take(SIGNATURE_BYTES);
  const ciphertext = r.rest();
  const header = input.ciphertext.subarray(0, headerLength + XCHACHA_NONCE_BYTES);
  if (
    !verifyDetached(signature, canonical(domain, header, ad, ciphertext), input.senderSignPublicKey)
  ) {
    throw new SignatureError('Entry: signature does not match the sender key');
  }
  const body = decodeJson(aeadDecrypt(input.key, nonce, ciphertext, ad, 'Entry'), 'Entry');
  return { body, verified: true, prev };
}
