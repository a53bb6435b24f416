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
import { postgresClientOf, type Database } from '../db';
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

async function fileRow(db: Database, caseId: string, fileId: string, chunkIndex = -1) {
  const [row] = await db
    .select({
      /** Whether chunk `chunkIndex` is stored already (a retried upload request). */
      chunkStored: sql<boolean>`exists (select 1 from ${caseFileChunks} where ${caseFileChunks.fileId} = ${caseFiles.id} and ${caseFileChunks.index} = ${chunkIndex})`,
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
 * Stores one chunk of a pending upload (one statement: its own transaction). The length must be
 * exactly what the padded size makes chunk `index`; a retried chunk already stored changes
 * nothing.
 */
export async function storeChunk(
  db: Database,
  input: { caseId: string; fileId: string; index: number; data: Uint8Array; actor: FileActor }
): Promise<void> {
  const row = await fileRow(db, input.caseId, input.fileId, input.index);
  if (!row || !sameActor(row, input.actor)) throw gone();
  if (row.entryId !== null) throw new CaseStoreError('conflict', 'This file is complete.');
  if (input.index >= row.chunkCount) throw new CaseStoreError('invalid', 'No such chunk.');
  if (input.data.length !== fileStoredChunkBytes(row.paddedSize, input.index)) {
    throw new CaseStoreError('invalid', 'The chunk has the wrong length.');
  }
  if (row.chunkStored) return;
  const chunk = { fileId: row.id, caseId: row.caseId, index: input.index, data: input.data };
  const client = postgresClientOf(db);
  if (client) await copyChunk(client, chunk);
  else await db.insert(caseFileChunks).values(chunk).onConflictDoNothing();
}

/**
 * Writes one chunk row with `COPY … (FORMAT binary)` on PostgreSQL: the bytes travel as they
 * are, where a parameter would travel as hex text (twice the size, and a 2 MB string built and
 * parsed a chunk). postgres.js drops an error that arrives after a COPY's end (the write would
 * wait for ever), so the transaction first rules out every refusal the data could meet: it takes
 * the chunk's lock (a retry racing its original waits, then finds the chunk stored) and holds the
 * file and its case against deletion while the row goes in. A write that still has not finished
 * after COPY_TIMEOUT_MS fails, so the request answers and the browser asks again.
 */
async function copyChunk(
  client: NonNullable<ReturnType<typeof postgresClientOf>>,
  chunk: { fileId: string; caseId: string; index: number; data: Uint8Array }
): Promise<void> {
  await client.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`file-chunk:${chunk.fileId}:${chunk.index}`}))`;
    const [held] = await tx`select f.id, exists (select 1 from case_file_chunks
        where file_id = f.id and index = ${chunk.index}) as stored
      from case_files f join cases c on c.id = f.case_id
      where f.id = ${chunk.fileId} and f.case_id = ${chunk.caseId} and f.entry_id is null
      for key share`;
    if (!held) throw gone();
    if (held.stored) return;
    const writable = await tx`copy case_file_chunks (file_id, case_id, index, data)
      from stdin with (format binary)`.writable();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The database did not finish storing a file chunk.')),
        COPY_TIMEOUT_MS
      );
      writable.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      writable.on('finish', () => {
        clearTimeout(timer);
        resolve();
      });
      writable.write(copyRowHead(chunk));
      writable.write(chunk.data);
      writable.end(COPY_TRAILER);
    });
  });
}

const COPY_TIMEOUT_MS = 30_000;

/**
 * Binary COPY framing up to a chunk row's bytes: the signature and two empty header words, then
 * one tuple of four length-prefixed fields (uuid as 16 bytes, int4 big-endian, the bytea's
 * length; its bytes follow). COPY_TRAILER (-1) ends the data.
 */
function copyRowHead(chunk: { fileId: string; caseId: string; index: number; data: Uint8Array }) {
  const head = Buffer.alloc(COPY_SIGNATURE.length + 8 + 2 + 2 * (4 + 16) + 4 + 4 + 4);
  let at = COPY_SIGNATURE.copy(head, 0);
  at = head.writeInt32BE(0, at);
  at = head.writeInt32BE(0, at);
  at = head.writeInt16BE(4, at);
  for (const uuid of [chunk.fileId, chunk.caseId]) {
    at = head.writeInt32BE(16, at);
    at += Buffer.from(uuid.replaceAll('-', ''), 'hex').copy(head, at);
  }
  at = head.writeInt32BE(4, at);
  at = head.writeInt32BE(chunk.index, at);
  head.writeInt32BE(chunk.data.length, at);
  return head;
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

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
