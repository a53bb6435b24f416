// Cases, the keys that give access to them, their entries and the reporter's sealed receipt.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { CASE_STATUSES, TRACKS } from '../../../schemas/common';
import { bytea } from '../bytes';
import { organisations } from './organisations';
import { people } from './people';

export const track = pgEnum('track', TRACKS);

export const caseStatus = pgEnum('case_status', CASE_STATUSES);

export const senderKind = pgEnum('sender_kind', ['reporter', 'staff', 'system']);

export const entryKind = pgEnum('entry_kind', ['message', 'note', 'action']);

/**
 * A case. Reporter-side times are dates only. Track, stage and status are the only clear-text
 * facts about it, kept so deadlines can be counted; everything the reporter wrote is in
 * `reportCiphertext`.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Chosen by the reporter's browser: a retried submission finds the case it already made. */
    submissionId: uuid('submission_id').notNull().unique(),
    /** SHA-256 of the lookup token derived from the case key. */
    lookupHash: bytea('lookup_hash').notNull().unique(),
    reporterSignPublicKey: bytea('reporter_sign_public_key').notNull(),
    reporterBoxPublicKey: bytea('reporter_box_public_key').notNull(),
    track: track('track').notNull(),
    stage: smallint('stage').notNull().default(1),
    status: caseStatus('status').notNull().default('new'),
    /** The content-key generation; rises by one each time a recipient is removed. */
    keyEpoch: integer('key_epoch').notNull().default(0),
    reportCiphertext: bytea('report_ciphertext').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    stageStartedOn: date('stage_started_on', { mode: 'string' }).notNull(),
    acknowledgedOn: date('acknowledged_on', { mode: 'string' }),
    respondedOn: date('responded_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' })
  },
  (t) => [
    // An organisation's cases, and its cases of one day: the count that prices each submission
    // (src/lib/server/pow.ts) reads one range of it, however many days the organisation has.
    index('cases_organisation_received_idx').on(t.organisationId, t.receivedOn),
    // Cases fetched by id one by one (an inbox's thousand): a hash lookup costs the same on a
    // host of a thousand cases and of a million, where the primary key's B-tree grows a level.
    index('cases_id_hash_idx').using('hash', t.id)
  ]
);

/**
 * The case's content key sealed to one holder for one key epoch. `personId` null means the
 * reporter's own case key pair. Access to a case is exactly: holding a live row here.
 */
export const caseKeys = pgTable(
  'case_keys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    epoch: integer('epoch').notNull(),
    sealedKey: bytea('sealed_key').notNull(),
    grantedBy: uuid('granted_by').references(() => people.id, { onDelete: 'set null' }),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    revokedOn: date('revoked_on', { mode: 'string' })
  },
  (t) => [
    uniqueIndex('case_keys_holder_epoch_idx')
      .on(t.caseId, t.personId, t.epoch)
      .where(sql`${t.personId} is not null`),
    uniqueIndex('case_keys_reporter_epoch_idx')
      .on(t.caseId, t.epoch)
      .where(sql`${t.personId} is null`),
    index('case_keys_person_idx').on(t.personId),
    // Where an inbox starts: a person's live keys, in case order, without visiting other rows.
    // Migration 0011 makes it INCLUDE (sealed_key), which drizzle cannot say: the inbox's keys
    // come from the index alone, in order, with no sort.
    index('case_keys_live_person_idx')
      .on(t.personId, t.caseId, t.epoch)
      .where(sql`${t.revokedOn} is null`)
  ]
);

/** The conversation, internal notes and recorded actions: all ciphertext, signed inside. */
export const caseEntries = pgTable(
  'case_entries',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: entryKind('kind').notNull(),
    senderKind: senderKind('sender_kind').notNull(),
    senderPersonId: uuid('sender_person_id').references(() => people.id, { onDelete: 'set null' }),
    epoch: integer('epoch').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    /** Staff entries keep the time; reporter entries only the day. */
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
  },
  (t) => [index('case_entries_case_idx').on(t.caseId, t.seq)]
);

/**
 * The reporter's proof of filing (docs/PROTOCOL.md §13): the server's signed receipt, sealed by the
 * reporter's browser to the reporter's own box key, so only the case key opens it.
 */
export const caseReceipts = pgTable('case_receipts', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  sealedReceipt: bytea('sealed_receipt').notNull()
});
