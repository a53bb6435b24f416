/**
 * A case's entries: messages, notes, actions and signed events, each made and signed in a
 * browser. Every entry must commit to the head of its chain as stored (docs/PROTOCOL.md §3), and
 * the case row is locked while one is added, so the chain stays a single line that readers can
 * follow. The server cannot make an entry: it can only refuse or store one.
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import {
  chainGenesis,
  chainOf,
  constantTimeEqual,
  entryLink,
  entryPrev,
  type ChainName
} from '$lib/crypto';
import type { AuditFields } from '$lib/audit';
import { auditHeadQuery, auditRowAfter, lockAuditChain } from '../audit';
import { attachFiles } from './files';
import { queryRows, type Database } from '../db';
import { toBytes } from '../db/bytes';
import { auditEvents, caseEntries, cases } from '../db/schema';
import { actorColumns, auditTime, caseOrThrow, requireHolder, today, type Tx } from './store';
import { CaseStoreError, type Actor, type CaseRecord, type EntryRecord } from './types';

/** The columns of an EntryRecord. */
const entryColumns = {
  id: caseEntries.id,
  seq: caseEntries.seq,
  kind: caseEntries.kind,
  senderKind: caseEntries.senderKind,
  senderPersonId: caseEntries.senderPersonId,
  epoch: caseEntries.epoch,
  ciphertext: caseEntries.ciphertext,
  createdOn: caseEntries.createdOn,
  createdAt: caseEntries.createdAt
};

/**
 * The case's entries in order. Notes (under the staff-only key) only when `includeNotes`: pass
 * true for a staff holder, never for the reporter.
 */
export async function listEntries(
  db: Database,
  caseId: string,
  options: { includeNotes: boolean }
): Promise<EntryRecord[]> {
  return db
    .select(entryColumns)
    .from(caseEntries)
    .where(
      options.includeNotes
        ? eq(caseEntries.caseId, caseId)
        : and(eq(caseEntries.caseId, caseId), ne(caseEntries.kind, 'note'))
    )
    .orderBy(asc(caseEntries.seq));
}

/** The head of one of the case's chains as stored: what the next entry must commit to. */
export async function chainHeadOf(
  db: Database,
  caseId: string,
  chain: ChainName
): Promise<Uint8Array> {
  const [last] = await chainHeadQuery(db, caseId, chain);
  return last ? entryLink(last.ciphertext) : chainGenesis(caseId, chain);
}

/** An entry a browser made and signed, as an endpoint receives it. */
export interface SignedEntry {
  /** Client-chosen, bound into the entry's AD and signature: a retry writes nothing new. */
  entryId: string;
  epoch: number;
  ciphertext: Uint8Array;
}

export interface AppendEntryInput extends SignedEntry {
  caseId: string;
  kind: 'message' | 'note' | 'action';
  actor: Actor;
  day?: string;
  /** Uploaded files the entry carries (their keys are inside it): attached in its transaction. */
  fileIds?: string[];
}

function linkOf(ciphertext: Uint8Array): Uint8Array {
  let prev: Uint8Array | null;
  try {
    prev = entryPrev(ciphertext);
  } catch {
    prev = null;
  }
  if (!prev) {
    throw new CaseStoreError('invalid', 'An entry must link to the latest entry of its case.');
  }
  return prev;
}

/** The head of one of the case's chains: the query, for chainHeadOf and the write's look-up. */
function chainHeadQuery(db: Database, caseId: string, chain: ChainName) {
  return db
    .select({ ciphertext: caseEntries.ciphertext })
    .from(caseEntries)
    .where(
      and(
        eq(caseEntries.caseId, caseId),
        chain === 'notes' ? eq(caseEntries.kind, 'note') : ne(caseEntries.kind, 'note')
      )
    )
    .orderBy(desc(caseEntries.seq))
    .limit(1);
}

/**
 * Inserts one entry inside `tx`, with the case row locked, if it commits to the current head of
 * its chain; a writer who saw an older head gets a conflict and writes again. Returns null when
 * an entry with this id exists already (the caller tells a retry from a clash).
 *
 * With `audit`, the event is written too, in few round trips: the case row and the
 * case's audit chain are locked; the next statement reads, together, whether the id is
 * taken, the chain's head and the audit chain's head; the entry and the event then go out
 * together.
 */
export async function insertEntry(
  tx: Database,
  record: CaseRecord,
  input: AppendEntryInput & { day: string },
  audit?: AuditFields
): Promise<EntryRecord | null> {
  const prev = linkOf(input.ciphertext);
  // The case row first, then (for an event) the audit chain: the order every writer takes them
  // in. Sent together: the database runs them one after the other.
  const rowLock = tx
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.id, record.id))
    .for('update');
  // execute() sends at once, so the row lock goes out before the chain lock.
  const locked: Promise<unknown>[] = [rowLock.execute()];
  if (audit) {
    locked.push(
      tx.execute(sql`select ${lockAuditChain(audit.organisationId, audit.caseId)}`).execute()
    );
  }
  await Promise.all(locked);
  // A later statement than the locks, so it sees everything committed before them.
  const [state] = await queryRows<{
    taken: string | null;
    head: Uint8Array | null;
    audit_head: Uint8Array | null;
  }>(
    tx,
    sql`select
      (${tx.select({ id: caseEntries.id }).from(caseEntries).where(eq(caseEntries.id, input.entryId))}) as taken,
      (${chainHeadQuery(tx, record.id, chainOf(input.kind))}) as head,
      ${audit ? sql`(${auditHeadQuery(tx, audit.organisationId, audit.caseId)})` : sql`null::bytea`} as audit_head`
  );
  if (state!.taken) return null;
  const head = state!.head
    ? entryLink(toBytes(state!.head))
    : chainGenesis(record.id, chainOf(input.kind));
  if (!constantTimeEqual(prev, head)) {
    throw new CaseStoreError(
      'conflict',
      'Someone wrote to this case at the same time. Reload it and try again.'
    );
  }
  const entry = tx
    .insert(caseEntries)
    .values({
      id: input.entryId,
      caseId: input.caseId,
      kind: input.kind,
      senderKind: input.actor.kind,
      senderPersonId: input.actor.kind === 'staff' ? input.actor.personId : null,
      epoch: input.epoch,
      ciphertext: input.ciphertext,
      createdOn: input.day,
      createdAt: input.actor.kind === 'reporter' ? null : new Date()
    })
    .onConflictDoNothing({ target: caseEntries.id })
    .returning(entryColumns);
  if (!audit) {
    const [inserted] = await entry;
    return inserted ?? null;
  }
  const event = await auditRowAfter(
    audit,
    state!.audit_head === null ? null : toBytes(state!.audit_head)
  );
  // Sent together on the transaction's connection; an entry id taken meanwhile by another case
  // undoes both.
  const [[inserted]] = await Promise.all([entry, tx.insert(auditEvents).values(event)]);
  if (!inserted) throw new CaseStoreError('conflict', 'That entry id is taken.');
  return inserted;
}

/**
 * Appends a message, note or action (and an audit event without content). Reporters may only
 * write messages; a staff actor must hold the case. The epoch must be one the case has. Returns
 * `created: false` when an entry with this id and these bytes already exists (a retry).
 */
export async function appendEntry(
  db: Database,
  input: AppendEntryInput
): Promise<{ entry: EntryRecord; created: boolean }> {
  return appendEntryTo(db, await caseOrThrow(db, input.caseId), input);
}

/** appendEntry for a caller that has read the case already (e.g. to authenticate its reporter). */
export async function appendEntryTo(
  db: Database,
  record: CaseRecord,
  input: AppendEntryInput
): Promise<{ entry: EntryRecord; created: boolean }> {
  if (record.id !== input.caseId) throw new CaseStoreError('not_found', 'No such case.');
  checkWriter(record, input);
  if (input.actor.kind === 'staff') await requireHolder(db, input.caseId, input.actor.personId);
  return writeEntry(db, record, { ...input, day: input.day ?? today() });
}

/** Who may write what: reporters messages only, nobody without a person or the reporter's key. */
export function checkWriter(record: CaseRecord, input: Omit<AppendEntryInput, 'caseId'>): void {
  if (input.actor.kind === 'system') {
    throw new CaseStoreError('invalid', 'Only people write to a case.');
  }
  if (input.actor.kind === 'reporter' && input.kind !== 'message') {
    throw new CaseStoreError('invalid', 'A reporter can only send messages.');
  }
  if (input.epoch < 0 || input.epoch > record.keyEpoch) {
    throw new CaseStoreError('invalid', 'Unknown key epoch.');
  }
}

/**
 * Writes the entry and, in the same transaction, `extra` (or an `entry.<kind>` audit event).
 * A retry with the same id and bytes changes nothing.
 */
export async function writeEntry(
  db: Database,
  record: CaseRecord,
  input: AppendEntryInput & { day: string },
  extra?: (tx: Database) => Promise<void>
): Promise<{ entry: EntryRecord; created: boolean }> {
  const prior = await entryById(db, input.entryId);
  if (prior) return { entry: sameEntryOrConflict(prior, input), created: false };
  const written = await db.transaction(async (tx: Tx) => {
    const audit: AuditFields | undefined = extra
      ? undefined
      : {
          organisationId: record.organisationId,
          caseId: record.id,
          ...actorColumns(input.actor),
          action: `entry.${input.kind}`,
          detail: { entryId: input.entryId },
          ...auditTime(input.actor, input.day)
        };
    const inserted = await insertEntry(tx, record, input, audit);
    if (!inserted) return inserted;
    await attachFiles(tx, {
      caseId: record.id,
      entryId: input.entryId,
      fileIds: input.fileIds ?? [],
      actor: input.actor
    });
    if (extra) await extra(tx);
    return inserted;
  });
  if (written) return { entry: written, created: true };
  // A retry that raced the first attempt: the entry is there, or the id is another entry's.
  const entry = await entryById(db, input.entryId);
  if (!entry) throw new CaseStoreError('conflict', 'The entry could not be written.');
  return { entry: sameEntryOrConflict(entry, input), created: false };
}

function sameEntryOrConflict(entry: EntryRecord & { caseId: string }, input: AppendEntryInput) {
  const same =
    entry.caseId === input.caseId &&
    entry.kind === input.kind &&
    entry.senderKind === input.actor.kind &&
    entry.ciphertext.length === input.ciphertext.length &&
    entry.ciphertext.every((b, i) => b === input.ciphertext[i]);
  if (!same) throw new CaseStoreError('conflict', 'That entry id is taken.');
  const { caseId: _omit, ...rest } = entry;
  void _omit;
  return rest;
}

async function entryById(db: Database, id: string) {
  const [row] = await db
    .select({ ...entryColumns, caseId: caseEntries.caseId })
    .from(caseEntries)
    .where(eq(caseEntries.id, id));
  return row ?? null;
}
