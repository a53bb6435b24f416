ALTER TABLE "organisations" ADD COLUMN "signing_key_transitions" "bytea";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "roster_list" "bytea";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "roster_list_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_links" ADD COLUMN "organisation_signature" "bytea";--> statement-breakpoint
ALTER TABLE "unit_links" ADD COLUMN "body_signature" "bytea";