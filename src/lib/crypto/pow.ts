// Proof-of-work for anonymous requests (docs/PROTOCOL.md §12). The browser searches for a nonce
// whose BLAKE2b hash, bound to the request, starts with `difficulty` zero bits; the server checks
// it with one hash. It costs a flooder work per request and stores nothing about anyone.
import { canonical, concatBytes, fromBase64, toBase64 } from './encoding';
import { blake2b256, domainHash, domainMessage } from './primitives';

export const POW_VERSION = 1;
export const POW_DOMAIN = 'candour/pow/v1';
export const POW_NONCE_BYTES = 8;
/** Above this a request would take a phone minutes; the server never asks for more. */
export const POW_MAX_DIFFICULTY = 26;

export type PowPurpose = 'lookup' | 'submit' | 'sign-in';

/** What a proof is bound to: the purpose, the endpoint's path, the UTC day and the request. */
export interface PowChallenge {
  purpose: PowPurpose;
  /** The request path, e.g. `/o/riverside/api/case`: it names the organisation and endpoint. */
  path: string;
  day: string;
  /** Bytes naming the request: the lookup hash for a look-up, the case id for a submission. */
  binding: Uint8Array;
  difficulty: number;
}

function challengeBytes(challenge: PowChallenge): Uint8Array {
  return canonical(
    challenge.purpose,
    challenge.path,
    challenge.day,
    challenge.binding,
    String(challenge.difficulty)
  );
}

export function powHash(challenge: PowChallenge, nonce: Uint8Array): Uint8Array {
  return domainHash(POW_DOMAIN, concatBytes(challengeBytes(challenge), nonce), 32);
}

export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

function validDifficulty(difficulty: number): boolean {
  return Number.isInteger(difficulty) && difficulty >= 0 && difficulty <= POW_MAX_DIFFICULTY;
}

export function verifyPow(challenge: PowChallenge, nonce: Uint8Array): boolean {
  if (!validDifficulty(challenge.difficulty) || nonce.length !== POW_NONCE_BYTES) return false;
  return leadingZeroBits(powHash(challenge, nonce)) >= challenge.difficulty;
}

/**
 * Searches nonces 0, 1, 2… (big-endian). `onProgress` gets the share of the expected work done
 * (it can pass 1 on an unlucky run). Expected 2^difficulty hashes.
 */
export function solvePow(
  challenge: PowChallenge,
  onProgress?: (expectedShare: number) => void
): Uint8Array {
  if (!validDifficulty(challenge.difficulty)) throw new RangeError('pow: bad difficulty');
  const expected = 2 ** challenge.difficulty;
  // powHash's input, made once with the nonce last and rewritten in place: a search hashes
  // about 2^difficulty of them, and building each afresh cost three times the hash itself.
  const message = domainMessage(
    POW_DOMAIN,
    concatBytes(challengeBytes(challenge), new Uint8Array(POW_NONCE_BYTES))
  );
  const nonce = message.subarray(message.length - POW_NONCE_BYTES);
  const view = new DataView(nonce.buffer, nonce.byteOffset, POW_NONCE_BYTES);
  for (let i = 0; ; i++) {
    view.setUint32(0, Math.floor(i / 2 ** 32));
    view.setUint32(4, i >>> 0);
    if (leadingZeroBits(blake2b256(message)) >= challenge.difficulty) return nonce.slice();
    if (onProgress && i % 4096 === 0) onProgress(Math.min(1, i / expected));
  }
}

/** The header form: `v1.<difficulty>.<nonce, base64>`. */
export function formatPowToken(difficulty: number, nonce: Uint8Array): string {
  return `v${POW_VERSION}.${difficulty}.${toBase64(nonce)}`;
}

export function parsePowToken(
  token: string | null
): { difficulty: number; nonce: Uint8Array } | null {
  const match = /^v1\.(\d{1,2})\.([A-Za-z0-9_-]{11})$/.exec(token ?? '');
  if (!match) return null;
  try {
    const nonce = fromBase64(match[2]!);
    const difficulty = Number(match[1]);
    return validDifficulty(difficulty) ? { difficulty, nonce } : null;
  } catch {
    return null;
  }
}
