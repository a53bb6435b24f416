// Typed errors so callers can tell a typo from tampering from a bug.

export class CryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `ready()` was not awaited before a synchronous call. */
export class CryptoNotReadyError extends CryptoError {
  constructor() {
    super('Crypto module used before ready() resolved');
  }
}

/** Bytes or text that do not have the expected version, length or encoding. */
export class CryptoFormatError extends CryptoError {}

/** Authenticated decryption failed: wrong key, wrong associated data, or altered ciphertext. */
export class DecryptionError extends CryptoError {}

/** A stream ended before its final chunk, or went on after it. */
export class TruncatedStreamError extends DecryptionError {}

/** A signature did not verify against the expected public key. */
export class SignatureError extends CryptoError {}

export type TypoReason = 'length' | 'character' | 'check';

/** A human code (case key, recovery code) was mistyped; caught before any slow work. */
export class HumanCodeTypoError extends CryptoError {
  constructor(
    message: string,
    readonly reason: TypoReason
  ) {
    super(message);
  }
}

export class CaseKeyTypoError extends HumanCodeTypoError {}

export class RecoveryCodeTypoError extends HumanCodeTypoError {}
