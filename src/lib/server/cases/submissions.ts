/** Filing a case, and finding it again: by submission id (retries) or by the reporter's lookup. */
import { and, eq, sql } from 'drizzle-orm';
import { reportedBoxPublicKey, VERSION } from '$lib/crypto';
import type { Track } from '$lib/schemas/common';
import { auditRowAfter } from '../audit';
import { preparedStatement, type Database } from '../db';
import { auditEvents, caseKeys, cases, credentials, people } from '../db/schema';
import { eligibleHolder } from './holders';
import { caseColumns, today } from './store';
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
 * Files a case with its sealed keys and a `case.submitted` audit event, atomically.
 * Idempotent by `submissionId`: a retry returns the case the first attempt made (`created:
 * false`) and writes nothing. A submission id reused with a different case key is a conflict.
 *
 * Lean by design (the path every report takes): one statement checks that every recipient may
 * hold the case and writes the case, its keys and its audit event, so a new report costs one
 * round trip and no explicit transaction (a single statement commits as a whole). Only when it
 * wrote nothing (a retry, a refused recipient, a clash) is anything read to tell which.
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
  // The case's own audit chain starts here: nobody else can see the case before the statement
  // commits, so there is no head to read and no lock to take; the event is known in advance.
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
  const written = await fileCase(db, input, personIds, day, event).catch((error: unknown) => {
    // The case id or lookup hash is taken: a retry racing us, or a genuine clash.
    if (isUniqueViolation(error)) return { created: false, eligible: personIds.length };
    throw error;
  });
  if (written.created) return { case: newCaseRecord(input, day), created: true };
  // A retry (this submission id was filed, maybe by a concurrent attempt) finds its case even if
  // a recipient has left since; otherwise the statement wrote nothing for a reason to report.
  const again = await findBySubmission(db, input);
  if (again) return { case: again, created: false };
  if (written.eligible !== personIds.length) {
    throw new CaseStoreError('invalid', 'Someone listed cannot receive cases here.');
  }
  throw new CaseStoreError('conflict', 'That case already exists.');
}

/**
 * The case row, its epoch-0 keys (the recipients', then the reporter's own) and its first audit
 * event, in one statement, written only if every recipient may hold the case. `created` is false
 * when nothing was written: a refused recipient (`eligible` counts those allowed), or this
 * submission id filed already.
 */
async function fileCase(
  db: Database,
  input: SubmitCaseInput,
  personIds: string[],
  day: string,
  event: Awaited<ReturnType<typeof auditRowAfter>>
): Promise<{ created: boolean; eligible: number }> {
  const [row] = await fileCaseStatement(personIds.length)(db, {
    ...input,
    ...Object.fromEntries(
      input.recipients.flatMap((r, i) => [
        [`person${i}`, r.personId],
        [`key${i}`, r.sealedKey]
      ])
    ),
    recipientCount: personIds.length,
    day,
    actorKind: event.actorKind,
    action: event.action,
    detail: JSON.stringify(event.detail),
    prevHash: event.prevHash,
    hash: event.hash,
    format: event.format
  });
  return { created: row?.id != null, eligible: Number(row?.eligible ?? 0) };
}

/** fileCase's statement for each number of recipients, built at its first use. */
const fileCaseStatements = new Map<
  number,
  ReturnType<typeof preparedStatement<{ id: string | null; eligible: number | string }>>
>();

function fileCaseStatement(recipients: number) {
  let statement = fileCaseStatements.get(recipients);
  if (statement) return statement;
  const value = (name: string) => sql.placeholder(name);
  const indexes = Array.from({ length: recipients }, (_, i) => i);
  const keys = [
    ...indexes.map((i) => sql`(${value(`person${i}`)}::uuid, ${value(`key${i}`)}::bytea)`),
    sql`(null::uuid, ${value('reporterSealedKey')}::bytea)`
  ];
  const personIds = indexes.map((i) => value(`person${i}`));
  statement = preparedStatement<{ id: string | null; eligible: number | string }>(
    sql`with eligible as (
        select count(*)::int as n from ${people}
          join ${credentials} on ${credentials.personId} = ${people.id}
         where ${eligibleHolder(value('organisationId'), personIds)}),
      filed as (
        insert into ${cases} (id, organisation_id, submission_id, lookup_hash,
          reporter_sign_public_key, reporter_box_public_key, track, report_ciphertext,
          received_on, stage_started_on)
        select ${value('caseId')}, ${value('organisationId')}, ${value('submissionId')},
          ${value('lookupHash')}, ${value('reporterSignPublicKey')},
          ${value('reporterBoxPublicKey')}, ${value('track')}, ${value('reportCiphertext')},
          ${value('day')}::date, ${value('day')}::date
          from eligible where eligible.n = ${value('recipientCount')}
        on conflict (submission_id) do nothing
        returning id),
      sealed as (
        insert into ${caseKeys} (case_id, person_id, epoch, sealed_key, granted_on)
        select filed.id, k.person_id, 0, k.sealed_key, ${value('day')}::date
          from filed, (values ${sql.join(keys, sql`, `)}) as k(person_id, sealed_key)),
      audited as (
        insert into ${auditEvents} (organisation_id, case_id, actor_kind, action, detail,
          occurred_on, prev_hash, hash, format)
        select ${value('organisationId')}, filed.id, ${value('actorKind')}, ${value('action')},
          ${value('detail')}::jsonb, ${value('day')}::date, ${value('prevHash')},
          ${value('hash')}, ${value('format')}
          from filed)
      select (select id from filed) as id, (select n from eligible) as eligible`
  );
  fileCaseStatements.set(recipients, statement);
  return statement;
}

/** The record of a case just filed: what was written, and the columns' defaults (db/schema). */
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
    .where(and(eq(cases.lookupHash, lookupHash), eq(cases.organisationId, organisationId)))
    // Every reporter request after the report starts here: parsed and planned once a connection.
    .prepare('case_by_lookup')
    .execute();
  return row ?? null;
}
