// Trust between unit keys: a unit key handing over to its successor, and an organisation and an
// external body vouching for each other.
import { ByteReader, canonical, concatBytes, constantTimeEqual, expectVersion } from './encoding';
import { CryptoFormatError } from './errors';
import { DOMAIN, SIGNATURE_BYTES, VERSION } from './params';
import { signDetached, verifyDetached } from './primitives';
import type { SignPrivateKey, SignPublicKey } from './types';

const KEY_BYTES = 32;
/** version(1) ‖ old key(32) ‖ new key(32) ‖ signature(64). */
export const UNIT_KEY_TRANSITION_BYTES = 1 + KEY_BYTES + KEY_BYTES + SIGNATURE_BYTES;

function transitionMessage(unitId: string, oldKey: Uint8Array, newKey: Uint8Array): Uint8Array {
  return canonical(
    DOMAIN.unitKeyTransition,
    new Uint8Array([VERSION.unitKeyTransition]),
    unitId,
    oldKey,
    newKey
  );
}

/** The old unit key signs that the new one replaces it. */
export function signUnitKeyTransition(
  unitId: string,
  oldKey: { publicKey: SignPublicKey; privateKey: SignPrivateKey },
  newPublicKey: SignPublicKey
): Uint8Array {
  return concatBytes(
    new Uint8Array([VERSION.unitKeyTransition]),
    oldKey.publicKey,
    newPublicKey,
    signDetached(transitionMessage(unitId, oldKey.publicKey, newPublicKey), oldKey.privateKey)
  );
}

/** Splits a stored run of transitions (each of fixed size) into its parts, or throws. */
export function parseUnitKeyTransitions(
  bytes: Uint8Array
): { oldKey: SignPublicKey; newKey: SignPublicKey; signature: Uint8Array }[] {
  if (bytes.length % UNIT_KEY_TRANSITION_BYTES !== 0) {
    throw new CryptoFormatError('Unit key transitions: bad length');
  }
  const out = [];
  const r = new ByteReader(bytes, 'Unit key transitions');
  while (out.length * UNIT_KEY_TRANSITION_BYTES < bytes.length) {
    expectVersion(r.byte(), VERSION.unitKeyTransition, 'Unit key transition');
    out.push({
      oldKey: r.take(KEY_BYTES).slice() as SignPublicKey,
      newKey: r.take(KEY_BYTES).slice() as SignPublicKey,
      signature: r.take(SIGNATURE_BYTES).slice()
    });
  }
  r.end();
  return out;
}

/**
 * True when `current` is `pinned`, or is reached from it by transitions each signed by the key
 * before it. Never throws.
 */
export function unitKeyFollowsFrom(
  unitId: string,
  pinned: SignPublicKey,
  current: SignPublicKey,
  transitions: Uint8Array | null
): boolean {
  try {
    let key: Uint8Array = pinned;
    if (constantTimeEqual(key, current)) return true;
    if (!transitions) return false;
    for (const t of parseUnitKeyTransitions(transitions)) {
      if (!constantTimeEqual(t.oldKey, key)) continue;
      if (!verifyDetached(t.signature, transitionMessage(unitId, t.oldKey, t.newKey), t.oldKey)) {
        return false;
      }
      key = t.newKey;
      if (constantTimeEqual(key, current)) return true;
    }
    return false;
  } catch {
    return false;
  }
}

/** The link between an organisation and an external body that serves it, as both sign it. */
export interface UnitLink {
  organisationId: string;
  organisationKey: SignPublicKey;
  bodyId: string;
  bodyKind: string;
  bodyName: string;
  bodyKey: SignPublicKey;
}

function linkMessage(link: UnitLink): Uint8Array {
  return canonical(
    DOMAIN.unitLink,
    new Uint8Array([VERSION.unitLink]),
    link.organisationId,
    link.organisationKey,
    link.bodyId,
    link.bodyKind,
    link.bodyName,
    link.bodyKey
  );
}

/** Format: version(1) ‖ Ed25519(64); each side signs the same link with its own unit key. */
export function signUnitLink(unitSignPrivateKey: SignPrivateKey, link: UnitLink): Uint8Array {
  return concatBytes(
    new Uint8Array([VERSION.unitLink]),
    signDetached(linkMessage(link), unitSignPrivateKey)
  );
}

export function verifyUnitLink(
  signerPublicKey: SignPublicKey,
  link: UnitLink,
  signature: Uint8Array
): boolean {
  try {
    const r = new ByteReader(signature, 'Unit link signature');
    expectVersion(r.byte(), VERSION.unitLink, 'Unit link signature');
    const sig = r.take(SIGNATURE_BYTES);
    r.end();
    return verifyDetached(sig, linkMessage(link), signerPublicKey);
  } catch {
    return false;
  }
}
