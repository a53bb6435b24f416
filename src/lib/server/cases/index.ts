/**
 * The case store: the one place that reads and writes cases, their sealed keys, entries and audit
 * events. Reporter endpoints (src/routes/o/) and staff case pages build on it. It never sees
 * plaintext: callers hand it ciphertext and sealed bundles made in a browser.
 *
 * Access rule: a staff member may see a case exactly when they hold a live row in case_keys;
 * `loadCaseForStaff` returns null otherwise and the caller answers 404 (admins included).
 * Errors are `CaseStoreError` with a code the caller maps to a status.
 */
export { today } from './store';
export { submitCase, findCaseByLookupHash, type SubmitCaseInput } from './submissions';
export {
  listEntries,
  appendEntry,
  appendEntryTo,
  chainHeadOf,
  type AppendEntryInput,
  type SignedEntry
} from './entries';
export {
  loadCaseForStaff,
  listCasesForStaff,
  reporterSealedKeys,
  holdersOf,
  addHolders,
  revokeHolder,
  eligibleHolderIds,
  type AddHoldersInput,
  type RevokeHolderInput
} from './holders';
export { updateCase, type UpdateCaseInput } from './updates';
export {
  startUpload,
  storeChunk,
  readChunk,
  removeAbandonedUploads,
  configuredFileLimits,
  DEFAULT_FILE_LIMITS,
  type FileActor,
  type FileLimits,
  type UploadStatus
} from './files';
export {
  CaseStoreError,
  type Actor,
  type CaseRecord,
  type CaseStatus,
  type EntryRecord,
  type Holder
} from './types';
export {
  authenticateReporter,
  SIGNATURE_HEADER,
  DAY_HEADER,
  type ReporterAuth
} from './reporter-auth';
export {
  reporterOrganisation,
  readSignedReporterRequest,
  reporterCaseRequest,
  readSignedReporterBytes,
  LOOKUP_HEADER,
  reporterCaseView,
  storeErrorToHttp,
  type ReporterOrganisation
} from './reporter-http';
