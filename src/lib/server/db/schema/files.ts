// Evidence files and their stored chunks (docs/FILES.md).
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../bytes';
import { senderKind, cases, caseEntries } from './cases';
import { people } from './people';

/**
 * Evidence files (docs/FILES.md): an upload session and, once its entry is written, a file of
 * that entry. The server knows only the file id, its case, who uploaded it, the padded size
 * bucket and how many chunks it has; name, type, exact size and key travel in the signed entry.
 * An upload whose entry never came is removed a day later (`removeAbandonedUploads`).
 */
export const caseFiles = pgTable(
  'case_files',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Null while uploading; set in the transaction that stores the entry that carries the file. */
    entryId: uuid('entry_id').references(() => caseEntries.id, { onDelete: 'cascade' }),
    uploaderKind: senderKind('uploader_kind').notNull(),
    uploaderPersonId: uuid('uploader_person_id').references(() => people.id, {
      onDelete: 'set null'
    }),
    /** The size padded to its bucket, never the exact size. */
    paddedSize: bigint('padded_size', { mode: 'number' }).notNull(),
    chunkCount: integer('chunk_count').notNull(),
    /** Day only: a reporter's upload records no time finer than the day. */
    startedOn: date('started_on', { mode: 'string' }).notNull()
  },
  (t) => [
    index('case_files_case_idx').on(t.caseId),
    index('case_files_pending_idx')
      .on(t.startedOn)
      .where(sql`${t.entryId} is null`)
  ]
);

/** One stored chunk of a file: a secretstream message, written in its own transaction. */
export const caseFileChunks = pgTable(
  'case_file_chunks',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => caseFiles.id, { onDelete: 'cascade' }),
    /** Also straight from the case, so deleting a case removes every chunk. */
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(),
    data: bytea('data').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.fileId, t.index] }),
    index('case_file_chunks_case_idx').on(t.caseId)
  ]
);
