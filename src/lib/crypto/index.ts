// Candour's crypto API. Everything the app needs from libsodium goes through here.
export { ready, isReady } from './sodium';
export * from './errors';
export type * from './types';
export {
  ARGON2_MEMLIMIT_BYTES,
  ARGON2_OPSLIMIT,
  ARGON2_OUTPUT_BYTES,
  ARGON2_SALT_BYTES,
  FILE_CHUNK_BYTES,
  FILE_BUCKET_BYTES,
  HUMAN_CODE_BYTES,
  LEGACY_VERSION,
  VERSION
} from './params';
export {
  toBase64,
  fromBase64,
  toHex,
  fromHex,
  utf8,
  fromUtf8,
  constantTimeEqual,
  concatBytes
} from './encoding';
export { randomBytes, sha256 } from './primitives';
export {
  generateCaseKey,
  formatCaseKey,
  parseCaseKey,
  deriveCaseKeys,
  lookupHash
} from './case-key';
export {
  generateStaffKeys,
  newPasswordSalt,
  derivePasswordSecrets,
  wrapStaffKeys,
  unwrapStaffKeys,
  generateRecoveryCode,
  parseRecoveryCode,
  recoveryKeyFromCode,
  recoverySecretsFromCode,
  reenrolStaff,
  type RecoverySecrets,
  wrapStaffKeysWithRecovery,
  unwrapStaffKeysWithRecovery,
  enrolStaff,
  changePassword,
  type PasswordSecrets,
  type StaffEnrolment,
  type PasswordChange
} from './staff';
export {
  newCaseKeys,
  rotateCaseKeys,
  sealCaseKeysFor,
  openSealedCaseKeys,
  encryptReport,
  decryptReport,
  openReport,
  reportedBoxPublicKey,
  type OpenedReport,
  sealToBoxKey,
  openSealedBox,
  type SealPurpose
} from './envelope';
export {
  chainGenesis,
  chainHead,
  chainOf,
  entryLink,
  verifyChains,
  type ChainCheck,
  type ChainEntry,
  type ChainName,
  type ChainProblem
} from './chain';
export {
  encryptEntry,
  decryptEntry,
  entryPrev,
  type EncryptEntryInput,
  type DecryptEntryInput
} from './entries';
export { signRequest, verifyRequest, type SignedRequest } from './requests';
export {
  FileEncryptor,
  FileDecryptor,
  FileDigests,
  FileIntegrityError,
  fileChunkDigest,
  paddedFileSize,
  isPaddedFileSize,
  fileChunkCount,
  filePlainChunkBytes,
  fileStoredChunkBytes,
  FILE_CHUNK_OVERHEAD,
  FILE_HASH_BYTES,
  type FileFormat,
  type FileKeys,
  type FileSecrets
} from './file-stream';
export {
  encryptBlob,
  decryptChunks,
  type EncryptionJob,
  type DecryptionJob,
  type FileJobContext
} from './file-jobs';
export { encryptBlobInWorker, decryptChunksInWorker } from './file-worker-client';
export {
  generateUnitSigningKey,
  signRosterEntry,
  verifyRosterEntry,
  fingerprint,
  sealUnitSigningKey,
  openUnitSigningKey,
  signRosterList,
  openRosterList,
  peekRosterList,
  type RosterEntry,
  type RosterList,
  type RosterListMember
} from './roster';
export {
  signUnitKeyTransition,
  parseUnitKeyTransitions,
  unitKeyFollowsFrom,
  signUnitLink,
  verifyUnitLink,
  UNIT_KEY_TRANSITION_BYTES,
  type UnitLink
} from './unit-keys';
export {
  deriveCaseKeysInWorker,
  derivePasswordSecretsInWorker,
  recoveryKeyFromCodeInWorker,
  recoverySecretsFromCodeInWorker,
  terminateCryptoWorker,
  usesWorker,
  type DerivationOptions,
  type DerivationPhase
} from './client';
export {
  POW_DOMAIN,
  POW_MAX_DIFFICULTY,
  POW_NONCE_BYTES,
  POW_VERSION,
  formatPowToken,
  leadingZeroBits,
  parsePowToken,
  powHash,
  solvePow,
  verifyPow,
  type PowChallenge,
  type PowPurpose
} from './pow';
export {
  RECEIPT_FORMAT,
  checkReceipt,
  newReceiptSeed,
  openReceipt,
  receiptKeyFingerprint,
  receiptKeyPair,
  reportHashOf,
  sealReceipt,
  signReceipt,
  type Receipt,
  type ReceiptCheck,
  type ReceiptFacts
} from './receipts';
