// People, their roles, teams and keys, and what lets them in: invitations, sessions, rate limits.
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../../schemas/common';
import { bytea } from '../bytes';
import { organisations } from './organisations';

export const personStatus = pgEnum('person_status', ['invited', 'active', 'on_leave', 'removed']);

export const role = pgEnum('role', ROLES);

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
