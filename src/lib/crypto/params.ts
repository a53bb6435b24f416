// Every number that the byte formats and derivations depend on. Changing one of these
// changes the protocol: add a new version instead (see docs/PROTOCOL.md, "Versioning").

/** Argon2id via crypto_pwhash (ALG_ARGON2ID13). */
export const ARGON2_OPSLIMIT = 3;
export const ARGON2_MEMLIMIT_BYTES = 64 * 1024 * 1024;
export const ARGON2_OUTPUT_BYTES = 32;
export const ARGON2_SALT_BYTES = 16;

export const KEY_BYTES = 32;
export const XCHACHA_NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;
export const SIGNATURE_BYTES = 64;
export const SIGN_SEED_BYTES = 32;
export const SIGN_PRIVATE_KEY_BYTES = 64;
export const BOX_KEY_BYTES = 32;
export const SEAL_OVERHEAD_BYTES = 48;

/** Human codes: 15 random bytes = 120 bits = 24 base32 symbols, plus one check symbol. */
export const HUMAN_CODE_BYTES = 15;

/** Plaintexts are padded to a multiple of this so lengths leak less. */
export const PAD_BLOCK_BYTES = 256;

/** Evidence files (formats 2 and 3): plaintext bytes per stored chunk, and the size bucket. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
export const FILE_BUCKET_BYTES = 64 * 1024;

/** Version bytes, one per format. Retired numbers are never reused. */
export const VERSION = {
  report: 2,
  entry: 2,
  sealedBox: 1,
  caseKeyBundle: 1,
  wrappedStaffKeys: 1,
  /**
   * Evidence files: per-file key in the signed entry, padded size, the hash over the chunks'
   * digests (format 2 hashed the file's bytes; format 1, under the content key, was never stored).
   */
  file: 3,
  rosterSignature: 1,
  unitSigningKey: 1,
  rosterList: 1,
  unitKeyTransition: 1,
  unitLink: 1,
  receipt: 1
} as const;

/** Formats that are still read but no longer written (old cases keep them). */
export const LEGACY_VERSION = {
  /** Reports that did not bind the reporter's box key. */
  report: 1,
  /** Entries without a link to the chain head their writer saw. */
  entry: 1,
  /** Evidence files whose signed hash is of the file's bytes, not of its chunks. */
  file: 2
} as const;

/** crypto_kdf contexts (exactly 8 bytes each). */
export const KDF_CONTEXT = {
  caseKey: 'CndrCase',
  password: 'CndrPass',
  recovery: 'CndrRcvy'
} as const;

export const KDF_SUBKEY = {
  lookupToken: 1,
  reporterSignSeed: 2,
  reporterBoxSeed: 3,
  keyEncryptionKey: 1,
  loginSecret: 2,
  recoveryKey: 1,
  recoveryProof: 2
} as const;

/** Domain strings; each one names a single purpose. */
export const DOMAIN = {
  caseKeySalt: 'candour/case-key-salt/v1',
  recoverySalt: 'candour/recovery-salt/v1',
  report: 'candour/report/v1',
  reportV2: 'candour/report/v2',
  entry: 'candour/entry/v1',
  entryV2: 'candour/entry/v2',
  entryLink: 'candour/entry-link/v2',
  wrappedStaffKeys: 'candour/staff-keys/v1',
  fileV2: 'candour/file/v2',
  fileV3: 'candour/file/v3',
  fileDigestsV3: 'candour/file-digests/v3',
  request: 'candour/request/v1',
  chunkRequest: 'candour/chunk-request/v1',
  roster: 'candour/roster/v1',
  rosterList: 'candour/roster-list/v1',
  unitKeyTransition: 'candour/unit-key-transition/v1',
  unitLink: 'candour/unit-link/v1',
  fingerprint: 'candour/fingerprint/v1',
  receipt: 'candour/receipt/v1'
} as const;
