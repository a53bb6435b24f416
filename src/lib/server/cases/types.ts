import type { Track } from '$lib/schemas/common';

/** Who does something to a case. The reporter and the system have no person id. */
export type Actor = { kind: 'reporter' } | { kind: 'system' } | { kind: 'staff'; personId: string };

export type CaseStatus =
  | 'new'
  | 'acknowledged'
  | 'investigating'
  | 'awaiting_reporter'
  | 'responded'
  | 'escalated'
  | 'closed';

/** A case as the server knows it: clear-text facts and the report's ciphertext. */
export interface CaseRecord {
  id: string;
  organisationId: string;
  track: Track;
  stage: number;
  status: CaseStatus;
  keyEpoch: number;
  reporterSignPublicKey: Uint8Array;
  reporterBoxPublicKey: Uint8Array;
  reportCiphertext: Uint8Array;
  receivedOn: string;
  stageStartedOn: string;
  acknowledgedOn: string | null;
  respondedOn: string | null;
  closedOn: string | null;
}

export interface EntryRecord {
  id: string;
  seq: number;
  kind: 'message' | 'note' | 'action';
  senderKind: 'reporter' | 'staff' | 'system';
  senderPersonId: string | null;
  epoch: number;
  /**
   * Signed ciphertext; entries of old cases by `system` are a clear record `0x00 ‖ JSON` the
   * server wrote, which readers show as an unsigned claim (docs/PROTOCOL.md §7).
   */
  ciphertext: Uint8Array;
  createdOn: string;
  /** Null for reporter and system entries written on the reporter's behalf. */
  createdAt: Date | null;
}

export interface Holder {
  /** null: the reporter's own key pair. */
  personId: string | null;
  epochs: number[];
  since: string;
}

/**
 * A refused case operation; routes map `not_found` to 404, `invalid` to 400, `conflict` to 409,
 * `too_large` (a file over its limit) to 413.
 */
export class CaseStoreError extends Error {
  override name = 'CaseStoreError';
  constructor(
    readonly code: 'not_found' | 'invalid' | 'conflict' | 'too_large',
    message: string
  ) {
    super(message);
  }
}
