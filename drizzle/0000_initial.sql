CREATE TYPE "public"."case_status" AS ENUM('new', 'acknowledged', 'investigating', 'awaiting_reporter', 'responded', 'escalated', 'closed');--> statement-breakpoint
CREATE TYPE "public"."entry_kind" AS ENUM('message', 'note', 'action');--> statement-breakpoint
CREATE TYPE "public"."person_status" AS ENUM('invited', 'active', 'on_leave', 'removed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('coordinator', 'deputy_coordinator', 'team_leader', 'chair', 'committee_member', 'complaints_officer', 'safeguarding_lead', 'deputy_safeguarding_lead', 'senior_practitioner', 'chief_executive', 'safeguarding_manager', 'external_member');--> statement-breakpoint
CREATE TYPE "public"."sender_kind" AS ENUM('reporter', 'staff', 'system');--> statement-breakpoint
CREATE TYPE "public"."track" AS ENUM('whistleblowing', 'complaint', 'safeguarding', 'compliment');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('organisation', 'naccc', 'lado', 'childrens_services', 'other_body');--> statement-breakpoint
CREATE TABLE "attachment_chunks" (
	"attachment_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "attachment_chunks_attachment_id_index_pk" PRIMARY KEY("attachment_id","index")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"entry_id" uuid,
	"epoch" integer NOT NULL,
	"header" "bytea" NOT NULL,
	"chunk_count" integer NOT NULL,
	"byte_length" integer NOT NULL,
	"complete" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid,
	"actor_kind" "sender_kind" NOT NULL,
	"actor_person_id" uuid,
	"action" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_at" timestamp with time zone,
	"prev_hash" "bytea" NOT NULL,
	"hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "entry_kind" NOT NULL,
	"sender_kind" "sender_kind" NOT NULL,
	"sender_person_id" uuid,
	"epoch" integer NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"created_on" date NOT NULL,
	"created_at" timestamp with time zone,
	CONSTRAINT "case_entries_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "case_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"epoch" integer NOT NULL,
	"sealed_key" "bytea" NOT NULL,
	"granted_by" uuid,
	"granted_on" date NOT NULL,
	"revoked_on" date
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"lookup_hash" "bytea" NOT NULL,
	"reporter_sign_public_key" "bytea" NOT NULL,
	"reporter_box_public_key" "bytea" NOT NULL,
	"track" "track" NOT NULL,
	"stage" smallint DEFAULT 1 NOT NULL,
	"status" "case_status" DEFAULT 'new' NOT NULL,
	"key_epoch" integer DEFAULT 0 NOT NULL,
	"report_ciphertext" "bytea" NOT NULL,
	"received_on" date NOT NULL,
	"stage_started_on" date NOT NULL,
	"acknowledged_on" date,
	"responded_on" date,
	"closed_on" date,
	CONSTRAINT "cases_submission_id_unique" UNIQUE("submission_id"),
	CONSTRAINT "cases_lookup_hash_unique" UNIQUE("lookup_hash")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"box_public_key" "bytea" NOT NULL,
	"sign_public_key" "bytea" NOT NULL,
	"password_salt" "bytea" NOT NULL,
	"password_wrapped_keys" "bytea" NOT NULL,
	"recovery_wrapped_keys" "bytea" NOT NULL,
	"login_hash" text NOT NULL,
	"recovery_hash" text NOT NULL,
	"totp_secret" text,
	"roster_signature" "bytea",
	"roster_signed_by" uuid,
	"roster_signed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "unit_kind" DEFAULT 'organisation' NOT NULL,
	"policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public_info" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signing_public_key" "bytea",
	"require_totp" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"email" text NOT NULL,
	"status" "person_status" DEFAULT 'invited' NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"is_host" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "person_roles" (
	"person_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	CONSTRAINT "person_roles_person_id_role_pk" PRIMARY KEY("person_id","role")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" "bytea" PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_key_grants" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"sealed_signing_key" "bytea" NOT NULL,
	CONSTRAINT "signing_key_grants_organisation_id_person_id_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "unit_links" (
	"organisation_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	CONSTRAINT "unit_links_organisation_id_body_id_pk" PRIMARY KEY("organisation_id","body_id")
);
--> statement-breakpoint
ALTER TABLE "attachment_chunks" ADD CONSTRAINT "attachment_chunks_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_entry_id_case_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."case_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_entries" ADD CONSTRAINT "case_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_entries" ADD CONSTRAINT "case_entries_sender_person_id_people_id_fk" FOREIGN KEY ("sender_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_granted_by_people_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_roster_signed_by_people_id_fk" FOREIGN KEY ("roster_signed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_roles" ADD CONSTRAINT "person_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_key_grants" ADD CONSTRAINT "signing_key_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_key_grants" ADD CONSTRAINT "signing_key_grants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_links" ADD CONSTRAINT "unit_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_links" ADD CONSTRAINT "unit_links_body_id_organisations_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_case_idx" ON "attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_entries_case_idx" ON "case_entries" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "case_keys_holder_epoch_idx" ON "case_keys" USING btree ("case_id","person_id","epoch") WHERE "case_keys"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_keys_reporter_epoch_idx" ON "case_keys" USING btree ("case_id","epoch") WHERE "case_keys"."person_id" is null;--> statement-breakpoint
CREATE INDEX "case_keys_person_idx" ON "case_keys" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cases_organisation_idx" ON "cases" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "people_organisation_idx" ON "people" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "sessions_person_idx" ON "sessions" USING btree ("person_id");