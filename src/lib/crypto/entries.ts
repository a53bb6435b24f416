// Case entries: messages and actions under the content key, internal notes under the
// staff-only key; each one signed by its sender.
import { ByteReader, canonical, concatBytes, expectVersion } from './encoding';
import { CryptoFormatError, SignatureError } from './errors';
import { DOMAIN, SIGNATURE_BYTES, VERSION, XCHACHA_NONCE_BYTES } from './params';
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

function entryAd(c: EntryContext & { kind: EntryKind }): Uint8Array {
  return canonical(
    DOMAIN.entry,
    new Uint8Array([VERSION.entry]),
    c.caseId,
    c.entryId,
    c.kind,
    c.senderRole
  );
}

function signedMessage(header: Uint8Array, ad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return canonical(DOMAIN.entry, header, ad, ciphertext);
}

/** Format: version(1) ‖ nonce(24) ‖ signature(64) ‖ ciphertext. */
export function encryptEntryWithNonce(input: EncryptEntryInput, nonce: Uint8Array): Uint8Array {
  checkContext(input.kind, input.senderRole);
  const header = concatBytes(new Uint8Array([VERSION.entry]), nonce);
  const ad = entryAd(input);
  const ciphertext = aeadEncrypt(input.key, nonce, encodeJson(input.body), ad);
  const signature = signDetached(signedMessage(header, ad, ciphertext), input.signer.privateKey);
  return concatBytes(header, signature, ciphertext);
}

export function encryptEntry(input: EncryptEntryInput): Uint8Array {
  return encryptEntryWithNonce(input, newNonce());
}

/**
 * Checks the sender's signature before decrypting; throws SignatureError if it fails,
 * DecryptionError if the key or context is wrong.
 */
export function decryptEntry(input: DecryptEntryInput): { body: unknown; verified: true } {
  checkContext(input.kind, input.senderRole);
  const r = new ByteReader(input.ciphertext, 'Entry');
  expectVersion(r.byte(), VERSION.entry, 'Entry');
  const nonce = r.take(XCHACHA_NONCE_BYTES);
  const signature = r.take(SIGNATURE_BYTES);
  const ciphertext = r.rest();
  const header = input.ciphertext.subarray(0, 1 + XCHACHA_NONCE_BYTES);
  const ad = entryAd(input);
  if (
    !verifyDetached(signature, signedMessage(header, ad, ciphertext), input.senderSignPublicKey)
  ) {
    throw new SignatureError('Entry: signature does not match the sender key');
  }
  const body = decodeJson(aeadDecrypt(input.key, nonce, ciphertext, ad, 'Entry'), 'Entry');
  return { body, verified: true };
}
