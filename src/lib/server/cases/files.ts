/**
 * Evidence files on the server (docs/FILES.md): upload sessions and their chunks, each chunk
 * stored by one INSERT (its own transaction), so a dropped connection loses at most the chunk in
 * flight and the browser resumes from what `uploadStatus` lists. The server checks only framing
 * (chunk index and exact ciphertext length for the padded size), ownership and limits; it never
 * sees a name, a type, an exact size or a key.
 *
 * Who may touch a file: the reporter of its case (signed request) and staff holders of the case.
 * A pending upload only by whoever started it; an attached file by anyone who may read its entry
 * (a note's files: staff only). Everyone else is told the file does not exist.
 */
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import {
  fileChunkCount,
  fileStoredChunkBytes,
  isPaddedFileSize,
  paddedFileSize
} from '$lib/crypto';
import { config } from '../config';
import type { Database } from '../db';
import { caseEntries, caseFileChunks, caseFiles } from '../db/schema';
import { today, type Tx } from './store';
import { CaseStoreError, type Actor } from './types';

export interface FileLimits {
  /** Largest file, in bytes, before padding. */
  fileBytes: number;
  /** All of a case's files together, in bytes of padded size. */
  caseBytes: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = {
  fileBytes: 100 * 1000 * 1000,
  caseBytes: 500 * 1000 * 1000
};

/** What a file's uploader or reader is: the reporter of the case or one staff holder. */
export type FileActor = { kind: 'reporter' } | { kind: 'staff'; personId: string };

function sameActor(
  row: { uploaderKind: string; uploaderPersonId: string | null },
  actor: FileActor
): boolean {
  if (actor.kind === 'reporter') return row.uploaderKind === 'reporter';
  return row.uploaderKind === 'staff' && row.uploaderPersonId === actor.personId;
}

const gone = () => new CaseStoreError('not_found', 'No such file.');

export interface UploadStatus {
  fileId: string;
  paddedSize: number;
  chunkCount: number;
  /** Indexes of the chunks stored so far, ascending. */
  stored: number[];
  attached: boolean;
}

async function fileRow(db: Database, caseId: string, fileId: string) {
  const [row] = await db
    .select({
      id: caseFiles.id,
      caseId: caseFiles.caseId,
      entryId: caseFiles.entryId,
      entryKind: caseEntries.kind,
      uploaderKind: caseFiles.uploaderKind,
      uploaderPersonId: caseFiles.uploaderPersonId,
      paddedSize: caseFiles.paddedSize,
      chunkCount: caseFiles.chunkCount
    })
    .from(caseFiles)
    .leftJoin(caseEntries, eq(caseEntries.id, caseFiles.entryId))
    .where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, caseId)));
  return row ?? null;
}

async function storedIndexes(db: Database, fileId: string): Promise<number[]> {
  const rows = await db
    .select({ index: caseFileChunks.index })
    .from(caseFileChunks)
    .where(eq(caseFileChunks.fileId, fileId))
    .orderBy(asc(caseFileChunks.index));
  return rows.map((r) => r.index);
}

/**
 * Starts an upload, or (same id, same uploader, same size) tells how far it got: the browser
 * asks this after a dropped connection and sends only what is missing.
 */
export async function startUpload(
  db: Database,
  input: { caseId: string; fileId: string; paddedSize: number; actor: FileActor },
  limits: FileLimits = DEFAULT_FILE_LIMITS
): Promise<UploadStatus> {
  const existing = await fileRow(db, input.caseId, input.fileId);
  if (!existing) {
    if (!isPaddedFileSize(input.paddedSize)) {
      throw new CaseStoreError('invalid', 'That is not a padded file size.');
    }
    if (input.paddedSize > paddedFileSize(limits.fileBytes)) {
      throw new CaseStoreError('too_large', 'This file is larger than the limit for one file.');
    }
    await db.transaction(async (tx: Tx) => {
      // One upload at a time per case is counted against the case's limit.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${'case-files:' + input.caseId}))`
      );
      const [{ total }] = (await tx
        .select({ total: sql<string>`coalesce(sum(${caseFiles.paddedSize}), 0)` })
        .from(caseFiles)
        .where(eq(caseFiles.caseId, input.caseId))) as [{ total: string }];
      if (Number(total) + input.paddedSize > paddedFileSize(limits.caseBytes)) {
        throw new CaseStoreError('too_large', 'This case has no room left for files that large.');
      }
      await tx
        .insert(caseFiles)
        .values({
          id: input.fileId,
          caseId: input.caseId,
          uploaderKind: input.actor.kind,
          uploaderPersonId: input.actor.kind === 'staff' ? input.actor.personId : null,
          paddedSize: input.paddedSize,
          chunkCount: fileChunkCount(input.paddedSize),
          startedOn: today()
        })
        .onConflictDoNothing({ target: caseFiles.id });
    });
  }
  const row = await fileRow(db, input.caseId, input.fileId);
  if (!row || !sameActor(row, input.actor)) throw gone();
  if (row.paddedSize !== input.paddedSize) {
    throw new CaseStoreError('conflict', 'That file id is taken.');
  }
  return {
    fileId: row.id,
    paddedSize: row.paddedSize,
    chunkCount: row.chunkCount,
    stored: await storedIndexes(db, row.id),
    attached: row.entryId !== null
  };
}

/**
 * Stores one chunk of a pending upload (one INSERT: its own transaction). The length must be
 * exactly what the padded size makes chunk `index`; a retried chunk already stored changes
 * nothing.
 */
export async function storeChunk(
  db: Database,
  input: { caseId: string; fileId: string; index: number; data: Uint8Array; actor: FileActor }
): Promise<void> {
  const row = await fileRow(db, input.caseId, input.fileId);
  if (!row || !sameActor(row, input.actor)) throw gone();
  if (row.entryId !== null) throw new CaseStoreError('conflict', 'This file is complete.');
  if (input.index >= row.chunkCount) throw new CaseStoreError('invalid', 'No such chunk.');
  if (input.data.length !== fileStoredChunkBytes(row.paddedSize, input.index)) {
    throw new CaseStoreError('invalid', 'The chunk has the wrong length.');
  }
  await db
    .insert(caseFileChunks)
    .values({ fileId: row.id, caseId: row.caseId, index: input.index, data: input.data })
    .onConflictDoNothing();
}

/** Whether `reader` may read this file (see the module comment). */
function mayRead(
  row: NonNullable<Awaited<ReturnType<typeof fileRow>>>,
  reader: FileActor
): boolean {
  if (row.entryId === null) return sameActor(row, reader);
  if (reader.kind === 'reporter') return row.entryKind !== null && row.entryKind !== 'note';
  return true;
}

/** One stored chunk, for a reader of the case (the caller checked they hold it). */
export async function readChunk(
  db: Database,
  input: { caseId: string; fileId: string; index: number; reader: FileActor }
): Promise<Uint8Array> {
  const row = await fileRow(db, input.caseId, input.fileId);
  if (!row || !mayRead(row, input.reader)) throw gone();
  const [chunk] = await db
    .select({ data: caseFileChunks.data })
    .from(caseFileChunks)
    .where(and(eq(caseFileChunks.fileId, row.id), eq(caseFileChunks.index, input.index)));
  if (!chunk) throw gone();
  return chunk.data;
}

/**
 * Inside the transaction that stores an entry: marks each file as the entry's. Every file must
 * be this actor's complete, pending upload on this case; otherwise nothing is stored.
 */
export async function attachFiles(
  tx: Database,
  input: { caseId: string; entryId: string; fileIds: string[]; actor: Actor }
): Promise<void> {
  if (input.fileIds.length === 0) return;
  if (input.actor.kind === 'system')
    throw new CaseStoreError('invalid', 'Only people attach files.');
  const actor = input.actor as FileActor;
  const rows = await tx
    .select({
      id: caseFiles.id,
      entryId: caseFiles.entryId,
      uploaderKind: caseFiles.uploaderKind,
      uploaderPersonId: caseFiles.uploaderPersonId,
      chunkCount: caseFiles.chunkCount,
      stored: sql<number>`(select count(*)::int from ${caseFileChunks} where ${caseFileChunks.fileId} = ${caseFiles.id})`
    })
    .from(caseFiles)
    .where(and(eq(caseFiles.caseId, input.caseId), inArray(caseFiles.id, input.fileIds)))
    .for('update');
  const ready = rows.filter(
    (r) => r.entryId === null && sameActor(r, actor) && Number(r.stored) === r.chunkCount
  );
  if (ready.length !== new Set(input.fileIds).size) {
    throw new CaseStoreError('invalid', 'A file of this entry has not finished uploading.');
  }
  await tx
    .update(caseFiles)
    .set({ entryId: input.entryId })
    .where(inArray(caseFiles.id, input.fileIds));
}

/**
 * Removes uploads whose entry never came, started before yesterday (so each had at least a
 * day). Their chunks go with them (foreign key cascade). Returns how many were removed.
 */
export async function removeAbandonedUploads(db: Database, now = new Date()): Promise<number> {
  const yesterday = today(new Date(now.getTime() - 86_400_000));
  const removed = await db
    .delete(caseFiles)
    .where(and(isNull(caseFiles.entryId), lt(caseFiles.startedOn, yesterday)))
    .returning({ id: caseFiles.id });
  return removed.length;
}

/** The limits this deployment is configured with (CANDOUR_FILE_LIMIT_MB, CANDOUR_CASE_FILES_LIMIT_MB). */
export function configuredFileLimits(): FileLimits {
  const c = config();
  return {
    fileBytes: c.CANDOUR_FILE_LIMIT_MB * 1000 * 1000,
    caseBytes: c.CANDOUR_CASE_FILES_LIMIT_MB * 1000 * 1000
  };
}
