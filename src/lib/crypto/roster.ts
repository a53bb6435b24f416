// Roster signing: the organisation (unit) key vouches for each person's public keys.
import { ByteReader, canonical, concatBytes, expectLength, expectVersion, u32be } from './encoding';
import { CryptoFormatError } from './errors';
import { ALPHABET } from './human-code';
import { BOX_KEY_BYTES, DOMAIN, SIGNATURE_BYTES, SIGN_PRIVATE_KEY_BYTES, VERSION } from './params';
import { openSealedBox, sealToBoxKey } from './envelope';
import {
  domainHash,
  generateSignKeyPair,
  signDetached,
  signKeyPairFromPrivateKey,
  verifyDetached
} from './primitives';
import type { BoxKeyPair, BoxPublicKey, SignKeyPair, SignPrivateKey, SignPublicKey } from './types';

export interface RosterEntry {
  unitId: string;
  personId: string;
  roles: string[];
  boxPublicKey: BoxPublicKey;
  signPublicKey: SignPublicKey;
}

export function generateUnitSigningKey(): SignKeyPair {
  return generateSignKeyPair();
}

/** Roles are a set: sorted and de-duplicated, so the same roster entry always encodes alike. */
export function encodeRosterEntry(entry: RosterEntry): Uint8Array {
  expectLength(entry.boxPublicKey, BOX_KEY_BYTES, 'Roster box public key');
  expectLength(entry.signPublicKey, 32, 'Roster sign public key');
  const roles = [...new Set(entry.roles)].sort();
  return canonical(
    DOMAIN.roster,
    new Uint8Array([VERSION.rosterSignature]),
    entry.unitId,
    entry.personId,
    u32be(roles.length),
    ...roles,
    entry.boxPublicKey,
    entry.signPublicKey
  );
}

/** Format: version(1) ‖ Ed25519 signature(64) over the canonical entry. */
export function signRosterEntry(
  unitSignPrivateKey: SignPrivateKey,
  entry: RosterEntry
): Uint8Array {
  const signature = signDetached(encodeRosterEntry(entry), unitSignPrivateKey);
  return concatBytes(new Uint8Array([VERSION.rosterSignature]), signature);
}

export function verifyRosterEntry(
  unitSignPublicKey: SignPublicKey,
  entry: RosterEntry,
  signature: Uint8Array
): boolean {
  try {
    const r = new ByteReader(signature, 'Roster signature');
    expectVersion(r.byte(), VERSION.rosterSignature, 'Roster signature');
    const sig = r.take(SIGNATURE_BYTES);
    r.end();
    return verifyDetached(sig, encodeRosterEntry(entry), unitSignPublicKey);
  } catch {
    return false;
  }
}

/** 160 bits of BLAKE2b as eight groups of four base32 symbols, to read out and compare. */
export function fingerprint(...publicKeys: Uint8Array[]): string {
  if (publicKeys.length === 0) throw new CryptoFormatError('Fingerprint of nothing');
  const digest = domainHash(DOMAIN.fingerprint, canonical(...publicKeys), 20);
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const b of digest) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join(' ');
}

/** The unit signing key travels sealed to each admin's box key: version ‖ private key(64). */
export function sealUnitSigningKey(
  adminBoxPublicKey: BoxPublicKey,
  unitKey: SignKeyPair
): Uint8Array {
  return sealToBoxKey(
    adminBoxPublicKey,
    'unitSigningKey',
    concatBytes(new Uint8Array([VERSION.unitSigningKey]), unitKey.privateKey)
  );
}

export function openUnitSigningKey(sealed: Uint8Array, adminBox: BoxKeyPair): SignKeyPair {
  const r = new ByteReader(openSealedBox(sealed, adminBox, 'unitSigningKey'), 'Unit signing key');
  expectVersion(r.byte(), VERSION.unitSigningKey, 'Unit signing key');
  const privateKey = r.take(SIGN_PRIVATE_KEY_BYTES).slice();
  r.end();
  return signKeyPairFromPrivateKey(privateKey);
}
