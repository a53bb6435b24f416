// Thin, typed wrappers over the libsodium calls the protocol uses.
import { concatBytes, expectLength, fromUtf8, utf8 } from './encoding';
import { CryptoFormatError, DecryptionError } from './errors';
import {
  ARGON2_MEMLIMIT_BYTES,
  ARGON2_OPSLIMIT,
  ARGON2_OUTPUT_BYTES,
  ARGON2_SALT_BYTES,
  BOX_KEY_BYTES,
  KEY_BYTES,
  PAD_BLOCK_BYTES,
  SIGN_SEED_BYTES,
  XCHACHA_NONCE_BYTES
} from './params';
import { lib } from './sodium';
import type {
  BoxKeyPair,
  BoxPrivateKey,
  BoxPublicKey,
  SignKeyPair,
  SignPrivateKey,
  SignPublicKey
} from './types';

/** CSPRNG bytes for keys, nonces and salts (slow for bulk data). */
export function randomBytes(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('randomBytes: bad length');
  return lib().randombytes_buf(n);
}

export function sha256(bytes: Uint8Array): Uint8Array {
  return lib().crypto_hash_sha256(bytes);
}

/** BLAKE2b-256 of bytes, no key (a file chunk's digest). */
export function blake2b256(bytes: Uint8Array): Uint8Array {
  return lib().crypto_generichash(32, bytes, null);
}

/** BLAKE2b of a domain string and a message, to `length` bytes. */
export function domainHash(domain: string, message: Uint8Array, length = 32): Uint8Array {
  return lib().crypto_generichash(length, domainMessage(domain, message), null);
}

/**
 * What domainHash hashes: the domain, a zero byte, the message. Built once by a caller that
 * hashes many messages differing only in place (the proof-of-work search), with blake2b256.
 */
export function domainMessage(domain: string, message: Uint8Array): Uint8Array {
  return concatBytes(utf8(domain), new Uint8Array([0]), message);
}

export function argon2id(secret: Uint8Array, salt: Uint8Array): Uint8Array {
  expectLength(salt, ARGON2_SALT_BYTES, 'Argon2 salt');
  const s = lib();
  return s.crypto_pwhash(
    ARGON2_OUTPUT_BYTES,
    secret,
    salt,
    ARGON2_OPSLIMIT,
    ARGON2_MEMLIMIT_BYTES,
    s.crypto_pwhash_ALG_ARGON2ID13
  );
}

export function kdfSubkey(master: Uint8Array, id: number, context: string): Uint8Array {
  return lib().crypto_kdf_derive_from_key(KEY_BYTES, id, context, master);
}

export function generateBoxKeyPair(): BoxKeyPair {
  const kp = lib().crypto_box_keypair();
  return { publicKey: kp.publicKey as BoxPublicKey, privateKey: kp.privateKey as BoxPrivateKey };
}

export function generateSignKeyPair(): SignKeyPair {
  const kp = lib().crypto_sign_keypair();
  return { publicKey: kp.publicKey as SignPublicKey, privateKey: kp.privateKey as SignPrivateKey };
}

export function boxKeyPairFromSeed(seed: Uint8Array): BoxKeyPair {
  expectLength(seed, BOX_KEY_BYTES, 'Box seed');
  const kp = lib().crypto_box_seed_keypair(seed);
  return { publicKey: kp.publicKey as BoxPublicKey, privateKey: kp.privateKey as BoxPrivateKey };
}

export function signKeyPairFromSeed(seed: Uint8Array): SignKeyPair {
  expectLength(seed, SIGN_SEED_BYTES, 'Sign seed');
  const kp = lib().crypto_sign_seed_keypair(seed);
  return { publicKey: kp.publicKey as SignPublicKey, privateKey: kp.privateKey as SignPrivateKey };
}

/** Rebuilds a box key pair from its private key (the public key is derived, not trusted). */
export function boxKeyPairFromPrivateKey(privateKey: Uint8Array): BoxKeyPair {
  expectLength(privateKey, BOX_KEY_BYTES, 'Box private key');
  return {
    publicKey: lib().crypto_scalarmult_base(privateKey) as BoxPublicKey,
    privateKey: privateKey as BoxPrivateKey
  };
}

/** Rebuilds a sign key pair from a 64-byte private key, checking its embedded public key. */
export function signKeyPairFromPrivateKey(privateKey: Uint8Array): SignKeyPair {
  expectLength(privateKey, 64, 'Sign private key');
  const kp = signKeyPairFromSeed(privateKey.slice(0, SIGN_SEED_BYTES));
  if (!lib().memcmp(kp.privateKey, privateKey)) {
    throw new CryptoFormatError('Sign private key: inconsistent public half');
  }
  return kp;
}

export function signDetached(message: Uint8Array, privateKey: SignPrivateKey): Uint8Array {
  return lib().crypto_sign_detached(message, privateKey);
}

export function verifyDetached(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: SignPublicKey
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return lib().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

export function aeadEncrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array
): Uint8Array {
  expectLength(key, KEY_BYTES, 'Key');
  expectLength(nonce, XCHACHA_NONCE_BYTES, 'Nonce');
  return lib().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

export function aeadDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  ad: Uint8Array,
  what: string
): Uint8Array {
  expectLength(key, KEY_BYTES, 'Key');
  try {
    return lib().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch {
    throw new DecryptionError(`${what}: cannot decrypt (wrong key, wrong context or altered)`);
  }
}

export function newNonce(): Uint8Array {
  return randomBytes(XCHACHA_NONCE_BYTES);
}

/** ISO/IEC 7816-4 padding to a block multiple, so ciphertext lengths leak less. */
export function padBytes(bytes: Uint8Array): Uint8Array {
  return lib().pad(bytes, PAD_BLOCK_BYTES);
}

export function unpadBytes(bytes: Uint8Array, what: string): Uint8Array {
  try {
    return lib().unpad(bytes, PAD_BLOCK_BYTES);
  } catch {
    throw new CryptoFormatError(`${what}: bad padding`);
  }
}

/** JSON documents are stored as padded UTF-8. */
export function encodeJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value);
  if (text === undefined) throw new CryptoFormatError('Value is not JSON-serialisable');
  return padBytes(utf8(text));
}

export function decodeJson(bytes: Uint8Array, what: string): unknown {
  const text = fromUtf8(unpadBytes(bytes, what));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CryptoFormatError(`${what}: not JSON`);
  }
}
