// Staff side: long-term key pairs, password-derived secrets, wrapping and recovery.
import { ByteReader, canonical, concatBytes, expectVersion, utf8 } from './encoding';
import { CryptoFormatError, RecoveryCodeTypoError } from './errors';
import { formatHumanCode, parseHumanCode } from './human-code';
import {
  ARGON2_SALT_BYTES,
  BOX_KEY_BYTES,
  DOMAIN,
  HUMAN_CODE_BYTES,
  KDF_CONTEXT,
  KDF_SUBKEY,
  SIGN_PRIVATE_KEY_BYTES,
  VERSION,
  XCHACHA_NONCE_BYTES
} from './params';
import {
  aeadDecrypt,
  aeadEncrypt,
  argon2id,
  boxKeyPairFromPrivateKey,
  domainHash,
  generateBoxKeyPair,
  generateSignKeyPair,
  kdfSubkey,
  newNonce,
  randomBytes,
  signKeyPairFromPrivateKey
} from './primitives';
import { lib } from './sodium';
import type {
  BoxPublicKey,
  KeyEncryptionKey,
  LoginSecret,
  RecoveryCodeBytes,
  RecoveryKey,
  RecoveryProof,
  SignPublicKey,
  StaffKeys
} from './types';

export function generateStaffKeys(): StaffKeys {
  return { box: generateBoxKeyPair(), sign: generateSignKeyPair() };
}

export function newPasswordSalt(): Uint8Array {
  return randomBytes(ARGON2_SALT_BYTES);
}

export interface PasswordSecrets {
  keyEncryptionKey: KeyEncryptionKey;
  loginSecret: LoginSecret;
}

/** Passwords are compared as NFKC-normalised UTF-8, so the same typed text always matches. */
export function passwordBytes(password: string): Uint8Array {
  if (typeof password !== 'string' || password.length === 0) {
    throw new CryptoFormatError('Password must be a non-empty string');
  }
  return utf8(password.normalize('NFKC'));
}

/** One Argon2id call, two independent subkeys: the server only ever sees the login secret. */
export function derivePasswordSecretsSync(password: string, salt: Uint8Array): PasswordSecrets {
  const master = argon2id(passwordBytes(password), salt);
  try {
    return {
      keyEncryptionKey: kdfSubkey(
        master,
        KDF_SUBKEY.keyEncryptionKey,
        KDF_CONTEXT.password
      ) as KeyEncryptionKey,
      loginSecret: kdfSubkey(master, KDF_SUBKEY.loginSecret, KDF_CONTEXT.password) as LoginSecret
    };
  } finally {
    lib().memzero(master);
  }
}

export async function derivePasswordSecrets(
  password: string,
  salt: Uint8Array
): Promise<PasswordSecrets> {
  return derivePasswordSecretsSync(password, salt);
}

export function generateRecoveryCode(): string {
  return formatRecoveryCode(randomBytes(HUMAN_CODE_BYTES) as RecoveryCodeBytes);
}

export function formatRecoveryCode(bytes: RecoveryCodeBytes): string {
  return formatHumanCode('recoveryCode', bytes);
}

export function parseRecoveryCode(input: string): RecoveryCodeBytes {
  return parseHumanCode(
    'recoveryCode',
    input,
    (message, reason) => new RecoveryCodeTypoError(message, reason)
  ) as RecoveryCodeBytes;
}

export interface RecoverySecrets {
  /** Wraps the private keys a second time. */
  recoveryKey: RecoveryKey;
  /** Shown to the server to start a recovery; it stores only an argon2 hash of it. */
  recoveryProof: RecoveryProof;
}

/**
 * One Argon2id call, two subkeys (like the password). The code carries 120 random bits,
 * so a fixed salt is enough; Argon2id is defence in depth.
 */
export function recoverySecretsFromCodeSync(code: string): RecoverySecrets {
  const bytes = parseRecoveryCode(code);
  const master = argon2id(
    bytes,
    domainHash(DOMAIN.recoverySalt, new Uint8Array(0), ARGON2_SALT_BYTES)
  );
  try {
    const ctx = KDF_CONTEXT.recovery;
    return {
      recoveryKey: kdfSubkey(master, KDF_SUBKEY.recoveryKey, ctx) as RecoveryKey,
      recoveryProof: kdfSubkey(master, KDF_SUBKEY.recoveryProof, ctx) as RecoveryProof
    };
  } finally {
    lib().memzero(master);
  }
}

export async function recoverySecretsFromCode(code: string): Promise<RecoverySecrets> {
  return recoverySecretsFromCodeSync(code);
}

export function recoveryKeyFromCodeSync(code: string): RecoveryKey {
  return recoverySecretsFromCodeSync(code).recoveryKey;
}

export async function recoveryKeyFromCode(code: string): Promise<RecoveryKey> {
  return recoveryKeyFromCodeSync(code);
}

type WrapPurpose = 'password' | 'recovery';

function wrapAd(purpose: WrapPurpose): Uint8Array {
  return canonical(DOMAIN.wrappedStaffKeys, new Uint8Array([VERSION.wrappedStaffKeys]), purpose);
}

/** Format: version(1) ‖ nonce(24) ‖ AEAD(version ‖ boxPrivate(32) ‖ signPrivate(64)). */
export function wrapStaffKeysWithNonce(
  keys: StaffKeys,
  wrappingKey: Uint8Array,
  purpose: WrapPurpose,
  nonce: Uint8Array
): Uint8Array {
  const version = new Uint8Array([VERSION.wrappedStaffKeys]);
  const plaintext = concatBytes(version, keys.box.privateKey, keys.sign.privateKey);
  try {
    return concatBytes(version, nonce, aeadEncrypt(wrappingKey, nonce, plaintext, wrapAd(purpose)));
  } finally {
    lib().memzero(plaintext);
  }
}

function unwrap(wrapped: Uint8Array, wrappingKey: Uint8Array, purpose: WrapPurpose): StaffKeys {
  const r = new ByteReader(wrapped, 'Wrapped staff keys');
  expectVersion(r.byte(), VERSION.wrappedStaffKeys, 'Wrapped staff keys');
  const nonce = r.take(XCHACHA_NONCE_BYTES);
  const plaintext = aeadDecrypt(
    wrappingKey,
    nonce,
    r.rest(),
    wrapAd(purpose),
    'Wrapped staff keys'
  );
  const p = new ByteReader(plaintext, 'Wrapped staff keys payload');
  expectVersion(p.byte(), VERSION.wrappedStaffKeys, 'Wrapped staff keys payload');
  const box = boxKeyPairFromPrivateKey(p.take(BOX_KEY_BYTES).slice());
  const sign = signKeyPairFromPrivateKey(p.take(SIGN_PRIVATE_KEY_BYTES).slice());
  p.end();
  lib().memzero(plaintext);
  return { box, sign };
}

export function wrapStaffKeys(keys: StaffKeys, kek: KeyEncryptionKey): Uint8Array {
  return wrapStaffKeysWithNonce(keys, kek, 'password', newNonce());
}

export function unwrapStaffKeys(wrapped: Uint8Array, kek: KeyEncryptionKey): StaffKeys {
  return unwrap(wrapped, kek, 'password');
}

export function wrapStaffKeysWithRecovery(keys: StaffKeys, recoveryKey: RecoveryKey): Uint8Array {
  return wrapStaffKeysWithNonce(keys, recoveryKey, 'recovery', newNonce());
}

export function unwrapStaffKeysWithRecovery(
  wrapped: Uint8Array,
  recoveryKey: RecoveryKey
): StaffKeys {
  return unwrap(wrapped, recoveryKey, 'recovery');
}

/** Everything the server stores for a new staff member, plus what only the browser keeps. */
export interface StaffEnrolment {
  server: {
    boxPublicKey: BoxPublicKey;
    signPublicKey: SignPublicKey;
    passwordSalt: Uint8Array;
    passwordWrappedKeys: Uint8Array;
    recoveryWrappedKeys: Uint8Array;
    /** Sent once to the server, which stores only an argon2 hash of it. */
    loginSecret: LoginSecret;
    /** Likewise: the server keeps an argon2 hash, and asks for it before a recovery. */
    recoveryProof: RecoveryProof;
  };
  /** Shown to the person once; never sent anywhere. */
  recoveryCode: string;
  keys: StaffKeys;
}

export async function enrolStaff(password: string): Promise<StaffEnrolment> {
  return reenrolStaff(generateStaffKeys(), password);
}

/**
 * The same key pairs under a new password and a new recovery code (after a recovery):
 * every case key already sealed to this person still opens.
 */
export async function reenrolStaff(keys: StaffKeys, password: string): Promise<StaffEnrolment> {
  const passwordSalt = newPasswordSalt();
  const { keyEncryptionKey, loginSecret } = await derivePasswordSecrets(password, passwordSalt);
  const recoveryCode = generateRecoveryCode();
  const { recoveryKey, recoveryProof } = await recoverySecretsFromCode(recoveryCode);
  return {
    server: {
      boxPublicKey: keys.box.publicKey,
      signPublicKey: keys.sign.publicKey,
      passwordSalt,
      passwordWrappedKeys: wrapStaffKeys(keys, keyEncryptionKey),
      recoveryWrappedKeys: wrapStaffKeysWithRecovery(keys, recoveryKey),
      loginSecret,
      recoveryProof
    },
    recoveryCode,
    keys
  };
}

export interface PasswordChange {
  passwordSalt: Uint8Array;
  passwordWrappedKeys: Uint8Array;
  loginSecret: LoginSecret;
}

/** A new salt and a rewrap; the key pairs (and so every sealed case key) stay the same. */
export async function changePassword(
  keys: StaffKeys,
  newPassword: string
): Promise<PasswordChange> {
  const passwordSalt = newPasswordSalt();
  const { keyEncryptionKey, loginSecret } = await derivePasswordSecrets(newPassword, passwordSalt);
  return { passwordSalt, passwordWrappedKeys: wrapStaffKeys(keys, keyEncryptionKey), loginSecret };
}
