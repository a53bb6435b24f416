/** Filing a case, and finding it again: by submission id (retries) or by the reporter's lookup. */
import { and, eq } from 'drizzle-orm';
import { reportedBoxPublicKey, VERSION } from '$lib/crypto';
import type { Track } from '$lib/schemas/common';
import { appendAudit } from '../audit';
import type { Database } from '../db';
import { caseKeys, cases } from '../db/schema';
import { requireEligible } from './holders';
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
  const existing = await findBySubmission(db, input);
  if (existing) return { case: existing, created: false };
  await requireEligible(
    db,
    input.organisationId,
    input.recipients.map((r) => r.personId)
  );
  const created = await db
    .transaction(async (tx: Tx) => {
      const inserted = await tx
        .insert(cases)
        .values({
          id: input.caseId,
          organisationId: input.organisationId,
          submissionId: input.submissionId,
          lookupHash: input.lookupHash,
          reporterSignPublicKey: input.reporterSignPublicKey,
          reporterBoxPublicKey: input.reporterBoxPublicKey,
          track: input.track,
          reportCiphertext: input.reportCiphertext,
          receivedOn: day,
          stageStartedOn: day
        })
        .onConflictDoNothing({ target: cases.submissionId })
        .returning({ id: cases.id });
      // A concurrent retry got there first: nothing more to write.
      if (inserted.length === 0) return false;
      await tx.insert(caseKeys).values([
        ...input.recipients.map((r) => ({
          caseId: input.caseId,
          personId: r.personId,
          epoch: 0,
          sealedKey: r.sealedKey,
          grantedOn: day
        })),
        {
          caseId: input.caseId,
          personId: null,
          epoch: 0,
          sealedKey: input.reporterSealedKey,
          grantedOn: day
        }
      ]);
      await appendAudit(tx, {
        organisationId: input.organisationId,
        caseId: input.caseId,
        actorKind: 'reporter',
        actorPersonId: null,
        action: 'case.submitted',
        detail: { track: input.track, recipients: input.recipients.map((r) => r.personId) },
        occurredOn: day,
        occurredAt: null
      });
      return true;
    })
    .catch(async (error: unknown) => {
      // The case id or lookup hash is taken: a retry racing us, or a genuine clash.
      const again = await findBySubmission(db, input);
      if (again) return false;
      if (isUniqueViolation(error))
        throw new CaseStoreError('conflict', 'That case already exists.');
      throw error;
    });
  const record = await findBySubmission(db, input);
  if (!record) throw new CaseStoreError('conflict', 'The case could not be filed.');
  return { case: record, created };
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
