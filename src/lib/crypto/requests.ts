// Reporter requests carry no cookie: each is signed by the case key's Ed25519 key.
import { canonical, fromBase64, toBase64 } from './encoding';
import { CryptoFormatError } from './errors';
import { DOMAIN } from './params';
import { blake2b256, sha256, signDetached, verifyDetached } from './primitives';
import type { SignKeyPair, SignPublicKey } from './types';

export interface SignedRequest {
  method: string;
  path: string;
  body: Uint8Array;
  /** UTC day, `YYYY-MM-DD`: the only time the server learns about a reporter request. */
  day: string;
  /**
   * `chunk` for a file chunk's raw body: the body is hashed with BLAKE2b-256 under its own
   * domain (several times faster than SHA-256 in WebAssembly, and a megabyte per request).
   */
  kind?: 'json' | 'chunk';
  /** A chunk's digest when the caller already has it (`fileChunkDigest` of `body`). */
  bodyDigest?: Uint8Array;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function requestMessage(r: SignedRequest): Uint8Array {
  if (!DAY.test(r.day)) throw new CryptoFormatError('Request day must be YYYY-MM-DD');
  if (!/^[A-Z]+$/i.test(r.method)) throw new CryptoFormatError('Request method');
  if (!r.path.startsWith('/')) throw new CryptoFormatError('Request path must start with /');
  if (r.kind === 'chunk') {
    const digest = r.bodyDigest ?? blake2b256(r.body);
    return canonical(DOMAIN.chunkRequest, r.method.toUpperCase(), r.path, r.day, digest);
  }
  return canonical(DOMAIN.request, r.method.toUpperCase(), r.path, r.day, sha256(r.body));
}

export function signRequest(sign: SignKeyPair, request: SignedRequest): string {
  return toBase64(signDetached(requestMessage(request), sign.privateKey));
}

/** Never throws on bad input: anything malformed is simply not a valid signature. */
export function verifyRequest(
  signPublicKey: SignPublicKey,
  signatureB64: string,
  request: SignedRequest
): boolean {
  try {
    return verifyDetached(fromBase64(signatureB64), requestMessage(request), signPublicKey);
  } catch {
    return false;
  }
}
