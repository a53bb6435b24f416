// Organisations and external bodies, the links between them, and the deployment's own secrets.
import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid
} from 'drizzle-orm/pg-core';
import { UNIT_KINDS } from '../../../schemas/common';
import { bytea } from '../bytes';

export const unitKind = pgEnum('unit_kind', UNIT_KINDS);

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

/** Random values this deployment makes once, such as the key for decoy sign-in salts. */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: bytea('value').notNull()
});
