// The audit log and the notices waiting to be emailed.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { bytea } from '../bytes';
import { organisations } from './organisations';
import { people } from './people';
import { senderKind, cases } from './cases';

/**
 * Append-only, hash-chained record of who did what to which case, with no content. Each row's
 * hash covers the previous row's hash, so a changed or deleted row breaks the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    actorKind: senderKind('actor_kind').notNull(),
    actorPersonId: uuid('actor_person_id').references(() => people.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    /** Non-content facts of the action, such as the ids of people a case was referred to. */
    detail: jsonb('detail')
      .notNull()
      .default(sql`'{}'::jsonb`),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
    /**
     * 1: linked in one chain per organisation (older events); 2: linked in one chain per case,
     * and one for the organisation's events about no case (src/lib/audit.ts).
     */
    format: smallint('format').notNull().default(1)
  },
  (t) => [
    // Migration 0011 makes it INCLUDE (organisation_id, hash): a case's head read is index-only.
    index('audit_events_case_idx').on(t.caseId, t.seq),
    // Each organisation's events in order: its chains' heads and whole log are read through this, so
    // their cost does not grow with other organisations' events.
    index('audit_events_organisation_idx').on(t.organisationId, t.seq),
    // The head of an organisation's events about no case, without walking other organisations'.
    index('audit_events_no_case_idx')
      .on(t.organisationId, t.seq)
      .where(sql`${t.caseId} is null`)
  ]
);

/**
 * Notices waiting to be emailed (docs/NOTIFICATIONS.md): whom and when, nothing else. No case, no
 * event kind, no address. A row is deleted once its notice is accepted by the mail server; one
 * row per person per due time, so events before the same batch make one notice.
 */
export const noticeOutbox = pgTable(
  'notice_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** When to send: the batch time for reporter events, at once for staff ones, then retries. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Set while one instance is sending it; another may take it over only after this. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** The last failure's SMTP reply code or error code (550, ECONNECTION), never its text. */
    lastError: text('last_error')
  },
  (t) => [
    uniqueIndex('notice_outbox_person_due_idx').on(t.personId, t.dueAt),
    index('notice_outbox_due_idx').on(t.dueAt)
  ]
);
