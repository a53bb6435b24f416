// One branded type per key role, so that a key can only go where its role allows.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Bytes = Uint8Array;

/** The 15 random bytes behind a reporter's case key. */
export type CaseKeyBytes = Brand<Uint8Array, 'CaseKeyBytes'>;
/** The 15 random bytes behind a staff recovery code. */
export type RecoveryCodeBytes = Brand<Uint8Array, 'RecoveryCodeBytes'>;
/** Sent by the reporter to find their case; the server keeps only its SHA-256. */
export type LookupToken = Brand<Uint8Array, 'LookupToken'>;

/** Per-case, per-epoch key for the report, messages, actions and attachments. */
export type ContentKey = Brand<Uint8Array, 'ContentKey'>;
/** Per-case, per-epoch key for internal notes; never sealed to the reporter. */
export type StaffOnlyKey = Brand<Uint8Array, 'StaffOnlyKey'>;
/** Derived from a staff password; wraps that person's private keys. */
export type KeyEncryptionKey = Brand<Uint8Array, 'KeyEncryptionKey'>;
/** Derived from a staff recovery code; wraps the same private keys a second time. */
export type RecoveryKey = Brand<Uint8Array, 'RecoveryKey'>;
/** Derived from a recovery code; the server stores an argon2 hash of it to gate recovery. */
export type RecoveryProof = Brand<Uint8Array, 'RecoveryProof'>;
/** Derived from a staff password; the server stores an argon2 hash of it. */
export type LoginSecret = Brand<Uint8Array, 'LoginSecret'>;

export type BoxPublicKey = Brand<Uint8Array, 'BoxPublicKey'>;
export type BoxPrivateKey = Brand<Uint8Array, 'BoxPrivateKey'>;
export type SignPublicKey = Brand<Uint8Array, 'SignPublicKey'>;
export type SignPrivateKey = Brand<Uint8Array, 'SignPrivateKey'>;

export interface BoxKeyPair {
  publicKey: BoxPublicKey;
  privateKey: BoxPrivateKey;
}

export interface SignKeyPair {
  publicKey: SignPublicKey;
  privateKey: SignPrivateKey;
}

export interface ReporterKeys {
  lookupToken: LookupToken;
  sign: SignKeyPair;
  box: BoxKeyPair;
}

export interface StaffKeys {
  box: BoxKeyPair;
  sign: SignKeyPair;
}

/** The keys of one case epoch. Epoch 0 is made at submission; each rotation adds one. */
export interface CaseKeys {
  epoch: number;
  contentKey: ContentKey;
  staffKey: StaffOnlyKey;
}

/** What a reporter's sealed bundle opens to: no staff-only key. */
export interface OpenedCaseKeys {
  epoch: number;
  contentKey: ContentKey;
  staffKey?: StaffOnlyKey;
}

export type EntryKind = 'message' | 'note' | 'action';
export type SenderRole = 'reporter' | 'staff';
