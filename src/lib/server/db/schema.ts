import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { ROLES, TRACKS, UNIT_KINDS } from '../../schemas/common';
import { bytea } from './bytes';

/*
 * What the server may hold is fixed by docs/PROTOCOL.md: ciphertext, public keys, wrapped keys and
 * the metadata listed there. No column here ever holds a report, a message, an attachment, an
 * involved person's name, a password or a case key in the clear.
 */

export const unitKind = pgEnum('unit_kind', UNIT_KINDS);

export const personStatus = pgEnum('person_status', ['invited', 'active', 'on_leave', 'removed']);

export const role = pgEnum('role', ROLES);

export const track = pgEnum('track', TRACKS);

export const caseStatus = pgEnum('case_status', [
  'new',
  'acknowledged',
  'investigating',
  'awaiting_reporter',
  'responded',
  'escalated',
  'closed'
]);

export const senderKind = pgEnum('sender_kind', ['reporter', 'staff', 'system']);

export const entryKind = pgEnum('entry_kind', ['message', 'note', 'action']);

/**
 * An organisation (a contact centre, a mentoring charity) or an external body (NACCC, a local
 * authority's LADO or children's services). Both have people, roles, keys and a signed roster;
 * external bodies are shared and linked to the organisations they serve.
 */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: unitKind('kind').notNull().default('organisation'),
  /** Routing policy and timescales (src/lib/routing), edited by the organisation's admins. */
  policy: jsonb('policy')
    .notNull()
    .default(sql`'{}'::jsonb`),
  /** Public contact details shown to reporters (children's services number and the like). */
  publicInfo: jsonb('public_info')
    .notNull()
    .default(sql`'{}'::jsonb`),
  /** Ed25519 public key that signs this unit's roster; its secret half is sealed to each admin. */
  signingPublicKey: bytea('signing_public_key'),
  /** Every earlier signing key's signed hand-over to the next (docs/PROTOCOL.md §3), in order. */
  signingKeyTransitions: bytea('signing_key_transitions'),
  /** The newest roster list an admin's browser signed with the unit key; null before the first. */
  rosterList: bytea('roster_list'),
  rosterListVersion: integer('roster_list_version').notNull().default(0),
  requireTotp: boolean('require_totp').notNull().default(false),
  /**
   * People who can read safeguarding cases need a second factor unless an admin turns that off
   * (audited; admins see a warning while it is off). `requireTotp` extends it to everyone.
   */
  safeguardingTotpOff: boolean('safeguarding_totp_off').notNull().default(false),
  /** Reporter-triggered notices go out at the next multiple of this (15, 30 or 60 minutes). */
  noticeIntervalMinutes: smallint('notice_interval_minutes').notNull().default(60),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** Which external bodies serve which organisation. */
export const unitLinks = pgTable(
  'unit_links',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Each side's unit key over the link and both keys; browsers offer the body only when both verify. */
    organisationSignature: bytea('organisation_signature'),
    bodySignature: bytea('body_signature')
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.bodyId] })]
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    /** Lower-cased; the sign-in name and where "something in Candour needs you" notices go. */
    email: text('email').notNull().unique(),
    status: personStatus('status').notNull().default('invited'),
    isAdmin: boolean('is_admin').notNull().default(false),
    /** May add organisations and external bodies to this deployment; reads nothing. */
    isHost: boolean('is_host').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('people_organisation_idx').on(t.organisationId)]
);

/** Random values this deployment makes once, such as the key for decoy sign-in salts. */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: bytea('value').notNull()
});

export const personRoles = pgTable(
  'person_roles',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: role('role').notNull()
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] })]
);

/**
 * Teams (projects) a person belongs to; the team ids are those of the organisation's policy.
 * Part of the signed roster entry, as `team:<id>` tags in its roles list (docs/ROUTING.md).
 */
export const personTeams = pgTable(
  'person_teams',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull()
  },
  (t) => [primaryKey({ columns: [t.personId, t.teamId] })]
);

/**
 * A person's key material as their browser made it: public keys, private keys wrapped by a
 * password-derived key and again by a recovery code, and the argon2 hash of a login secret that
 * is itself derived from the password (the password never arrives here).
 */
export const credentials = pgTable('credentials', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  boxPublicKey: bytea('box_public_key').notNull(),
  signPublicKey: bytea('sign_public_key').notNull(),
  passwordSalt: bytea('password_salt').notNull(),
  passwordWrappedKeys: bytea('password_wrapped_keys').notNull(),
  recoveryWrappedKeys: bytea('recovery_wrapped_keys').notNull(),
  loginHash: text('login_hash').notNull(),
  /** argon2 hash of a proof derived from the recovery code, checked before a password reset. */
  recoveryHash: text('recovery_hash').notNull(),
  totpSecret: text('totp_secret'),
  /** The unit's signature over this person's public keys, roles and unit (the roster entry). */
  rosterSignature: bytea('roster_signature'),
  rosterSignedBy: uuid('roster_signed_by').references(() => people.id, { onDelete: 'set null' }),
  rosterSignedAt: timestamp('roster_signed_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** The unit signing key's secret half, sealed to each admin's box key. */
export const signingKeyGrants = pgTable(
  'signing_key_grants',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    sealedSigningKey: bytea('sealed_signing_key').notNull()
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId] })]
);

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  /** SHA-256 of the one-time token in the link; the token itself is shown once to the admin. */
  tokenHash: bytea('token_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true })
});

/**
 * An admin's request to send a new invitation link to someone who already has keys (lost
 * password and recovery code). The link goes to the person's own address, never to an admin;
 * where the unit has another admin, a second admin approves it first (docs/THREAT-MODEL.md).
 */
export const reinvitations = pgTable(
  'reinvitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => people.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid('approved_by').references(() => people.id, { onDelete: 'set null' }),
    /** pending (waiting for a second admin), sent (the link was emailed), cancelled. */
    status: text('status', { enum: ['pending', 'sent', 'cancelled'] }).notNull()
  },
  (t) => [index('reinvitations_organisation_idx').on(t.organisationId, t.status)]
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value, so a leaked table cannot be replayed. */
    idHash: bytea('id_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
  },
  (t) => [index('sessions_person_idx').on(t.personId)]
);

/** Fixed-window counters for sign-in and case-key attempts; keys never hold an IP address. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull()
});

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
    index('cases_organisation_idx').on(t.organisationId),
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
