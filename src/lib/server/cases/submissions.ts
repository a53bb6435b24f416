/** Filing a case, and finding it again: by submission id (retries) or by the reporter's lookup. */
import { and, eq, sql } from 'drizzle-orm';
import { reportedBoxPublicKey, VERSION } from '$lib/crypto';
import type { Track } from '$lib/schemas/common';
import { auditRowAfter } from '../audit';
import { queryRows, type Database } from '../db';
import { auditEvents, caseKeys, cases, credentials, people } from '../db/schema';
import { eligibleHolder } from './holders';
import { caseColumns, today, type Tx } from './store';
import { CaseStoreError, type CaseRecord } from './types';

export interface SubmitCaseInput {
  organisationId: string;
  /** Chosen by the reporter's browser (bound into the report's AD). */
  caseId: string;
  /** Chosen by the reporter's browser once per report: a retry finds the same case. */
  submissionId: string;
  lookupHash: Uint8Array;
  reporterSignPublicKey: Uint8Array;
  reporterBoxPublicKey: Uint8Array;
  track: Track;
  reportCiphertext: Uint8Array;
  /** Epoch-0 bundles (CK and SK) sealed to each recipient. */
  recipients: { personId: string; sealedKey: Uint8Array }[];
  /** Epoch-0 bundle (CK only) sealed to the reporter's own box key. */
  reporterSealedKey: Uint8Array;
  day?: string;
}

/**
 * Files a case with its sealed keys and a `case.submitted` audit event, in one transaction.
 * Idempotent by `submissionId`: a retry returns the case the first attempt made (`created:
 * false`) and writes nothing. A submission id reused with a different case key is a conflict.
 *
 * Lean by design (the path every report takes): one read before the transaction (is this a
 * retry? may these people hold the case?), then the case and its keys in one statement that also
 * takes the audit chain's lock, and the audit event; the record is built from what was written.
 */
export async function submitCase(
  db: Database,
  input: SubmitCaseInput
): Promise<{ case: CaseRecord; created: boolean }> {
  if (input.recipients.length === 0) {
    throw new CaseStoreError('invalid', 'A case needs at least one recipient.');
  }
  const day = input.day ?? today();
  requireBoundReport(input.reportCiphertext, input.reporterBoxPublicKey);
  const personIds = input.recipients.map((r) => r.personId);
  if (new Set(personIds).size !== personIds.length) {
    throw new CaseStoreError('invalid', 'A person is listed twice.');
  }
  const before = await readBeforeSubmit(db, input, personIds);
  if (before.filed !== null) return { case: await filedCase(db, input), created: false };
  if (before.eligible !== personIds.length) {
    throw new CaseStoreError('invalid', 'Someone listed cannot receive cases here.');
  }
  const created = await db
    .transaction(async (tx: Tx) => {
      if (!(await insertCaseWithKeys(tx, input, day))) return false;
      // The case's own audit chain starts here: nobody else can see the case before this
      // transaction commits, so there is no head to read and no lock to take.
      const event = await auditRowAfter(
        {
          organisationId: input.organisationId,
          caseId: input.caseId,
          actorKind: 'reporter',
          actorPersonId: null,
          action: 'case.submitted',
          detail: { track: input.track, recipients: personIds },
          occurredOn: day,
          occurredAt: null
        },
        null
      );
      await tx.insert(auditEvents).values(event);
      return true;
    })
    .catch((error: unknown) => {
      // The case id or lookup hash is taken: a retry racing us, or a genuine clash.
      if (isUniqueViolation(error)) return false;
      throw error;
    });
  if (created) return { case: newCaseRecord(input, day), created: true };
  // A concurrent attempt filed it first, or the case id / lookup hash belongs to another case.
  const again = await findBySubmission(db, input);
  if (!again) throw new CaseStoreError('conflict', 'That case already exists.');
  return { case: again, created: false };
}

/**
 * In one statement: whether this submission id was filed already (null: no; otherwise whether by
 * this organisation with this lookup hash), and how many of the recipients may hold the case.
 */
async function readBeforeSubmit(
  db: Database,
  input: SubmitCaseInput,
  personIds: string[]
): Promise<{ filed: boolean | null; eligible: number }> {
  const [row] = await queryRows<{ filed: boolean | null; eligible: number | string }>(
    db,
    sql`select
      (select ${cases.organisationId} = ${input.organisationId}
              and ${cases.lookupHash} = ${input.lookupHash}
         from ${cases} where ${cases.submissionId} = ${input.submissionId}) as filed,
      (select count(*)::int from ${people}
         join ${credentials} on ${credentials.personId} = ${people.id}
        where ${eligibleHolder(input.organisationId, personIds)}) as eligible`
  );
  return { filed: row?.filed ?? null, eligible: Number(row?.eligible ?? 0) };
}

/** The case a submission id filed, for a retry; a conflict when it is another case's id. */
async function filedCase(db: Database, input: SubmitCaseInput): Promise<CaseRecord> {
  const record = await findBySubmission(db, input);
  if (!record) throw new CaseStoreError('conflict', 'The case could not be filed.');
  return record;
}

/**
 * The case row and its epoch-0 keys (the recipients', then the reporter's own) in one statement.
 * False when this
 * submission id was filed meanwhile (nothing written).
 */
async function insertCaseWithKeys(tx: Database, input: SubmitCaseInput, day: string) {
  const keys = [
    ...input.recipients.map((r) => sql`(${r.personId}::uuid, ${r.sealedKey}::bytea)`),
    sql`(null::uuid, ${input.reporterSealedKey}::bytea)`
  ];
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with filed as (
        insert into ${cases} (id, organisation_id, submission_id, lookup_hash,
          reporter_sign_public_key, reporter_box_public_key, track, report_ciphertext,
          received_on, stage_started_on)
        values (${input.caseId}, ${input.organisationId}, ${input.submissionId},
          ${input.lookupHash}, ${input.reporterSignPublicKey}, ${input.reporterBoxPublicKey},
          ${input.track}, ${input.reportCiphertext}, ${day}, ${day})
        on conflict (submission_id) do nothing
        returning id),
      sealed as (
        insert into ${caseKeys} (case_id, person_id, epoch, sealed_key, granted_on)
        select filed.id, k.person_id, 0, k.sealed_key, ${day}::date
          from filed, (values ${sql.join(keys, sql`, `)}) as k(person_id, sealed_key))
      select id from filed`
  );
  return rows.length > 0;
}

/** The record of a case just filed: what was written, and the columns' defaults (schema.ts). */
function newCaseRecord(input: SubmitCaseInput, day: string): CaseRecord {
  return {
    id: input.caseId,
    organisationId: input.organisationId,
    track: input.track,
    stage: 1,
    status: 'new',
    keyEpoch: 0,
    reporterSignPublicKey: input.reporterSignPublicKey,
    reporterBoxPublicKey: input.reporterBoxPublicKey,
    reportCiphertext: input.reportCiphertext,
    receivedOn: day,
    stageStartedOn: day,
    acknowledgedOn: null,
    respondedOn: null,
    closedOn: null
  };
}

/**
 * A new report must be in the current format, which binds the reporter's box key, and must bind
 * the key filed with it: readers trust only the key in the signed report, so a mismatch would
 * leave the case unable to rotate.
 */
function requireBoundReport(report: Uint8Array, reporterBoxPublicKey: Uint8Array): void {
  const bound = reportedBoxPublicKey(report);
  const same =
    report[0] === VERSION.report &&
    bound !== null &&
    bound.length === reporterBoxPublicKey.length &&
    bound.every((b, i) => b === reporterBoxPublicKey[i]);
  if (!same) {
    throw new CaseStoreError('invalid', 'The report must bind the reporter keys filed with it.');
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}

async function findBySubmission(
  db: Database,
  input: Pick<SubmitCaseInput, 'submissionId' | 'organisationId' | 'lookupHash'>
): Promise<CaseRecord | null> {
  const [row] = await db
    .select({ ...caseColumns, lookupHash: cases.lookupHash })
    .from(cases)
    .where(eq(cases.submissionId, input.submissionId));
  if (!row) return null;
  const same =
    row.organisationId === input.organisationId &&
    row.lookupHash.length === input.lookupHash.length &&
    row.lookupHash.every((b, i) => b === input.lookupHash[i]);
  if (!same) throw new CaseStoreError('conflict', 'That submission id belongs to another case.');
  const { lookupHash: _omit, ...record } = row;
  void _omit;
  return record;
}

/** The reporter's way in: the case whose lookup hash this is, within this organisation. */
export async function findCaseByLookupHash(
  db: Database,
  organisationId: string,
  lookupHash: Uint8Array
): Promise<CaseRecord | null> {
  const [row] = await db
    .select(caseColumns)
    .from(cases)
    .where(and(eq(cases.lookupHash, lookupHash), eq(cases.organisationId, organisationId)));
  return row ?? null;
}
